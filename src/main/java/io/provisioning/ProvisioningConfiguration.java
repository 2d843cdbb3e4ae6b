package io.provisioning;

import com.zaxxer.hikari.HikariDataSource;
import io.provisioning.api.ApiFeature;
import io.provisioning.api.HttpSettings;
import io.provisioning.api.SessionCredential;
import io.provisioning.bulk.BulkFeature;
import io.provisioning.bulk.InboxSettings;
import io.provisioning.cluster.ClusterFeature;
import io.provisioning.cluster.ClusterSettings;
import io.provisioning.console.ConsoleFeature;
import io.provisioning.console.ConsoleSettings;
import io.provisioning.devx.DevMode;
import io.provisioning.devx.DevSettings;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxSettings;
import io.provisioning.directory.UserDirectory;
import io.provisioning.directory.WorkRetention;
import io.provisioning.drift.DriftFeature;
import io.provisioning.drift.ReconcileSettings;
import io.provisioning.entitlements.EntitlementSettings;
import io.provisioning.entitlements.EntitlementsFeature;
import io.provisioning.mapping.AttributeMapping;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.mapping.MappingFileLoader;
import io.provisioning.observe.ObserveFeature;
import io.provisioning.observe.ObserveSettings;
import io.provisioning.password.PasswordFeature;
import io.provisioning.password.PasswordSettings;
import io.provisioning.plan.PlanFeature;
import io.provisioning.queue.QueueFeature;
import io.provisioning.queue.QueueSettings;
import io.provisioning.reports.ReportSettings;
import io.provisioning.reports.ReportsFeature;
import io.provisioning.requests.UserRequestParser;
import io.provisioning.safety.SafetyFeature;
import io.provisioning.safety.SafetySettings;
import io.provisioning.salesforce.BulkApiSettings;
import io.provisioning.salesforce.CamelSoql;
import io.provisioning.salesforce.NameResolver;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.SalesforceConnections;
import io.provisioning.salesforce.SalesforceFeature;
import io.provisioning.salesforce.SalesforceSettings;
import io.provisioning.scim.ScimFeature;
import io.provisioning.scim.ScimSettings;
import io.provisioning.support.ApiToken;
import io.provisioning.support.BrokerCredentials;
import io.provisioning.support.Closing;
import io.provisioning.support.Database;
import io.provisioning.support.DatabaseSettings;
import io.provisioning.support.OwnerOnly;
import io.provisioning.support.Settings;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up wiring: reads every setting once into its feature's typed settings, starts the embedded defaults
 * (database, Salesforce emulator) where nothing external is configured, wires the core (directory, Salesforce
 * connections, attribute mappings, API beans), then lets each feature package wire itself
 * ({@code XxxFeature.wire(context, settings, what it needs)}), passing on what one feature gives another.
 */
public class ProvisioningConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        // Every setting is read here, once, into the typed settings of its feature (checked as it is read).
        Settings settings = new Settings(context);
        Path dataDir = Path.of(settings.require("provisioning.data.dir"));
        Set<String> requiredFields = Set.copyOf(settings.getList("provisioning.users.required-fields"));
        SalesforceApplications applications = SalesforceApplications.fromSettings(settings);
        DatabaseSettings database = DatabaseSettings.read(settings);
        SalesforceSettings salesforce = SalesforceSettings.read(settings);
        OutboxSettings outboxSettings = OutboxSettings.read(settings);
        BulkApiSettings bulkApi = BulkApiSettings.read(settings, applications.names());
        HttpSettings http = HttpSettings.read(settings);
        InboxSettings inbox = InboxSettings.read(settings);
        ReportSettings reports = ReportSettings.read(settings);
        PasswordSettings password = PasswordSettings.read(settings);
        QueueSettings queue = QueueSettings.read(settings);
        ScimSettings scim = ScimSettings.read(settings);
        ObserveSettings observe = ObserveSettings.read(settings);
        ClusterSettings cluster = ClusterSettings.read(settings);
        DevSettings dev = DevSettings.read(settings);
        Map<String, SafetySettings> safety = SafetySettings.read(settings, applications.names());
        ConsoleSettings console = ConsoleSettings.read(settings);
        ReconcileSettings reconcile = ReconcileSettings.read(settings);
        EmulatedOrgSettings emulatedOrgs = EmulatedOrgSettings.read(settings);

        Registry registry = context.getRegistry();
        // Secure by default (issue 15): what the bundle stores is readable by its own user only, old folders included.
        OwnerOnly.folder(dataDir);
        OwnerOnly.file(dataDir.resolve(ApiToken.FILE)); // also when the settings name the secret instead
        OwnerOnly.file(dataDir.resolve(BrokerCredentials.FILE));

        AttributeMappings mappings = loadMappings(applications);

        HikariDataSource dataSource = Database.open(database, dataDir);
        context.addService(new Closing(dataSource), true, true);
        registry.bind("dataSource", dataSource);

        // Salesforce (issue 16): applications with login-url=emulator get an emulated org each
        SalesforceConnections.register(
                context,
                applications,
                SalesforceOrgs.start(context, emulatedOrgs, applications, dataDir),
                salesforce.requestTimeoutMs());

        Outbox outbox = new Outbox(dataSource, outboxSettings.lease());
        UserDirectory directory = new UserDirectory(dataSource, outbox);
        ApplicationLinks links = new ApplicationLinks(dataSource);
        NameResolver names = new NameResolver(new CamelSoql(context.createProducerTemplate()));
        // Entitlements (issue 20): profile, role, permission sets and groups per User application, merged
        EntitlementsFeature.Wired entitlements = EntitlementsFeature.wire(
                context,
                EntitlementSettings.read(settings, applications.userApplications()),
                dataSource,
                directory,
                links,
                outbox,
                applications,
                names,
                salesforce.retry());
        UserRequestParser parser = new UserRequestParser(requiredFields, entitlements.parser());
        registry.bind("salesforceApplications", applications);
        registry.bind("attributeMappings", mappings);
        registry.bind("outbox", outbox);
        registry.bind("userDirectory", directory);
        registry.bind("applicationLinks", links);
        registry.bind(
                "workRetention",
                new WorkRetention(
                        dataSource,
                        outboxSettings.workRetention(),
                        outboxSettings.workRetentionBatchSize(),
                        Clock.systemUTC()));
        String node = ClusterFeature.node(cluster);
        Jobs jobs = new Jobs(dataSource, node);
        // Cluster (issue 21): master: endpoints run once per cluster, behind a lease in the database; this instance's
        // heartbeat, so that only the imports of instances that are gone are marked interrupted.
        int interrupted = ClusterFeature.wire(context, cluster, node, dataSource, jobs);
        if (interrupted > 0) {
            LOG.warn("{} import job(s) of stopped instances were still running; marked as interrupted", interrupted);
        }

        SalesforceFeature.Wired sf = SalesforceFeature.wire(
                registry,
                salesforce,
                outboxSettings,
                bulkApi,
                dataSource,
                applications,
                mappings,
                directory,
                links,
                outbox,
                jobs,
                names,
                entitlements.userFields());
        // Org safety (issue 17): API budget, quarantine, deletion threshold; the outbox claims through its gate.
        SafetyFeature.Wired orgSafety =
                SafetyFeature.wire(context, safety, applications, dataSource, outbox, sf.recorder());
        List<String> publicUrls = new ArrayList<>();
        publicUrls.add(context.resolvePropertyPlaceholders(password.mail().resetUrl()));
        if (!scim.baseUrl().isEmpty()) {
            publicUrls.add(scim.baseUrl());
        }
        String apiToken = ApiToken.resolve(settings, dataDir);
        // Admin console (issue 22): its sessions are a second credential of the API it calls
        SessionCredential consoleSessions = ConsoleFeature.wire(registry, console, apiToken);
        ApiFeature.wire(
                context,
                http,
                publicUrls,
                apiToken,
                dataSource,
                parser,
                directory,
                links,
                outbox,
                applications,
                sf.importer(),
                jobs,
                new ApiFeature.Console(consoleSessions, mappings, inbox.folder(), inbox.maxFileBytes()),
                entitlements.view());
        BulkFeature.wire(
                registry, inbox, requiredFields, applications.names(), dataSource, directory, jobs, outbox, parser);
        // Reports (issue 7): report API and page, CSV export, retention, spool for database outages.
        ReportsFeature.wire(registry, reports, dataSource, dataDir);
        // Bounds the Salesforce calls in flight from this instance.
        registry.bind(
                "outboxWorkers",
                context.getExecutorServiceManager()
                        .newFixedThreadPool(this, "outbox-worker", outboxSettings.concurrency()));

        // Dry run (issue 17, item 4): /api/users?dryRun=true and plan files, with the real planner and mapping.
        PlanFeature.wire(
                registry,
                inbox,
                requiredFields,
                parser,
                directory,
                links,
                applications,
                mappings,
                entitlements.preview());
        // Password sync: mail servers (embedded by default), activation mails, reset page, reset inbox.
        PasswordFeature.Wired mail =
                PasswordFeature.wire(context, password, dataSource, directory, links, outbox, applications);

        // Queue inbound: the broker (embedded Artemis by default), the jms component, the inbound-queue beans.
        ConnectionFactory brokerProbe = QueueFeature.wire(
                context, queue, observe.checkTimeout(), dataDir, parser, directory, applications, mail.mailQueue());
        // SCIM 2.0 server (issue 8): /scim/v2 Users, Groups and discovery, with its own bearer tokens.
        ScimFeature.wire(
                context,
                scim,
                dataSource,
                directory,
                applications.names(),
                entitlements.scimRoles(),
                entitlements.groupMappedApplications());

        // Observability (issue 9): /observe/health, /observe/metrics, the provisioning.operations log lines.
        ObserveFeature.Wired observed = ObserveFeature.wire(
                context,
                observe,
                new ObserveFeature.Checked(
                        dataSource,
                        applications,
                        sf.loginGuard(),
                        brokerProbe,
                        mail.outboundMailServer(),
                        inbox.folder()));
        SafetyFeature.observe(orgSafety, applications.names(), observed, observe.outboxCache());
        // Re-drive of failed work and drift reconcile; its drift gauges go to the observe feature's registry.
        DriftFeature.wire(
                registry, reconcile, dataSource, applications, mappings, directory, outbox, jobs, observed.meters());
        // Dev mode (issue 9): changed route and mapping files are checked, then reloaded without a restart.
        DevMode.wire(context, dev, mappings, applications);

        // YAML transformers are ignored before Camel 4.19, so the mapping transformer is registered from Java.
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                transformer().scan("io.provisioning.mapping");
            }
        });
    }

    private static AttributeMappings loadMappings(SalesforceApplications applications) {
        Map<String, AttributeMapping> mappings = new LinkedHashMap<>();
        for (SalesforceApplication application : applications.all()) {
            mappings.put(application.name(), MappingFileLoader.load(application.name(), application.mappingFile()));
        }
        return new AttributeMappings(mappings);
    }
}
