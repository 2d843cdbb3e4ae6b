package io.provisioning;

import com.zaxxer.hikari.HikariDataSource;
import io.provisioning.api.ApplicationResource;
import io.provisioning.api.BearerTokenGuard;
import io.provisioning.api.ErrorResponses;
import io.provisioning.api.HttpExposure;
import io.provisioning.api.OversizedBodyAnswer;
import io.provisioning.api.UserResource;
import io.provisioning.bulk.BulkFiles;
import io.provisioning.bulk.BulkRowParser;
import io.provisioning.bulk.ResultFile;
import io.provisioning.devx.DevMode;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.BulkJobStore;
import io.provisioning.directory.BulkResults;
import io.provisioning.directory.BulkRowWriter;
import io.provisioning.directory.GroupMemberships;
import io.provisioning.directory.InboundFiles;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.UserDirectory;
import io.provisioning.directory.WorkRetention;
import io.provisioning.mapping.AttributeMapping;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.mapping.MappingFileLoader;
import io.provisioning.reports.ReportBeans;
import io.provisioning.reports.ReportRows;
import io.provisioning.requests.UserRequestParser;
import io.provisioning.salesforce.BatchWriter;
import io.provisioning.salesforce.BulkIngest;
import io.provisioning.salesforce.BulkQueryImport;
import io.provisioning.salesforce.CredentialsCheck;
import io.provisioning.salesforce.InDoubtLookup;
import io.provisioning.salesforce.LoginGuard;
import io.provisioning.salesforce.OutcomeRecorder;
import io.provisioning.salesforce.PermanentDeactivationRefusal;
import io.provisioning.salesforce.RetryPolicy;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.SalesforceConnections;
import io.provisioning.salesforce.SalesforceImporter;
import io.provisioning.salesforce.SalesforceWriter;
import io.provisioning.salesforce.WriteBatcher;
import io.provisioning.support.ApiToken;
import io.provisioning.support.BrokerCredentials;
import io.provisioning.support.Closing;
import io.provisioning.support.Database;
import io.provisioning.support.OwnerOnly;
import io.provisioning.support.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up wiring: the embedded defaults (database, Salesforce emulator) where nothing external is configured, the
 * Salesforce connections, the attribute mappings, and the beans the YAML routes call by name.
 */
public class ProvisioningConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        Path dataDir = Path.of(settings.get("provisioning.data.dir", "data"));
        // Secure by default (issue 15): what the bundle stores is readable by its own user only, old folders included.
        OwnerOnly.folder(dataDir);
        OwnerOnly.file(dataDir.resolve(ApiToken.FILE)); // also when the settings name the secret instead
        OwnerOnly.file(dataDir.resolve(BrokerCredentials.FILE));

        SalesforceApplications applications = SalesforceApplications.fromSettings(settings);
        AttributeMappings mappings = loadMappings(applications);

        HikariDataSource dataSource = Database.open(settings, dataDir);
        context.addService(new Closing(dataSource), true, true);
        registry.bind("dataSource", dataSource);

        // Salesforce (issue 16): applications with login-url=emulator get an emulated org each
        SalesforceConnections.register(
                context,
                applications,
                SalesforceOrgs.start(context, settings, applications, dataDir),
                settings.getLong("provisioning.salesforce.request-timeout-ms", 30_000));

        Outbox outbox =
                new Outbox(dataSource, Duration.ofSeconds(settings.getLong("provisioning.outbox.lease-seconds", 120)));
        UserDirectory directory = new UserDirectory(dataSource, outbox);
        ApplicationLinks links = new ApplicationLinks(dataSource);
        LoginGuard loginGuard = new LoginGuard(
                Duration.ofSeconds(settings.getLong("provisioning.salesforce.login-failure-pause-seconds", 300)),
                Clock.systemUTC());
        RetryPolicy retryPolicy = new RetryPolicy(
                settings.getInt("provisioning.retry.max-attempts", 6),
                Duration.ofMillis(settings.getLong("provisioning.retry.initial-delay-ms", 2_000)),
                Duration.ofMillis(settings.getLong("provisioning.retry.max-delay-ms", 300_000)));
        UserRequestParser parser = new UserRequestParser(new HashSet<>(
                settings.getList("provisioning.users.required-fields", "userName,email,lastName,company")));

        registry.bind("salesforceApplications", applications);
        registry.bind("attributeMappings", mappings);
        registry.bind("outbox", outbox);
        registry.bind("userDirectory", directory);
        registry.bind("applicationLinks", links);
        OutcomeRecorder recorder = new OutcomeRecorder(links, outbox, retryPolicy, loginGuard);
        registry.bind("loginGuard", loginGuard);
        String apiToken = ApiToken.resolve(settings, dataDir);
        registry.bind("bearerTokenGuard", new BearerTokenGuard(apiToken));
        registry.bind(
                "observeTokenGuard",
                settings.getBoolean("provisioning.observe.require-token", false)
                        ? new BearerTokenGuard(apiToken)
                        : BearerTokenGuard.OPEN);
        registry.bind(
                "userResource",
                new UserResource(
                        parser,
                        directory,
                        links,
                        outbox,
                        applications.all().stream()
                                .map(SalesforceApplication::name)
                                .toList(),
                        id -> GroupMemberships.of(dataSource, id)));
        registry.bind("errorResponses", new ErrorResponses());
        // HTTP exposure (issue 15): header policy of every route, allowed Host names (421), what is open where.
        HttpExposure.register(context, settings);
        OversizedBodyAnswer.register(context, settings.getLong("camel.server.max-body-size", 1_048_576));
        Jobs jobs = new Jobs(dataSource);
        int interrupted = jobs.interruptRunning();
        if (interrupted > 0) {
            LOG.warn("{} job(s) were still running when the bundle stopped; marked as interrupted", interrupted);
        }
        SalesforceImporter importer = new SalesforceImporter(applications, mappings, directory, jobs);
        registry.bind("salesforceImporter", importer);
        registry.bind("applicationResource", new ApplicationResource(applications, importer, jobs));
        registry.bind("credentialsCheck", new CredentialsCheck(loginGuard, applications, mappings));
        registry.bind("bulkFiles", bulkFiles(settings, dataSource, directory, jobs, outbox, parser, applications));
        registry.bind(
                "salesforceWriter", new SalesforceWriter(directory, links, outbox, applications, loginGuard, recorder));
        registry.bind(PermanentDeactivationRefusal.BEAN, new PermanentDeactivationRefusal());
        registry.bind("reportRows", new ReportRows());
        registry.bind(
                "workRetention",
                new WorkRetention(
                        dataSource,
                        Duration.ofDays(settings.getInt("provisioning.work.retention-days", 30)),
                        settings.getInt("provisioning.work.retention.batch-size", 5_000),
                        Clock.systemUTC()));
        registry.bind(
                "writeBatcher",
                new WriteBatcher(
                        applications,
                        settings.getInt("provisioning.outbox.collection-size", 200),
                        outbox,
                        Duration.ofMillis(settings.getLong("provisioning.outbox.collection-fill-wait-ms", 1000))));
        registry.bind(
                "batchWriter", new BatchWriter(directory, links, applications, mappings, recorder, loginGuard, outbox));
        java.util.function.ToLongFunction<String> bulkThresholds =
                app -> settings.getLong("provisioning.application." + app + ".bulk-api.threshold", 10_000);
        registry.bind("bulkQueryImport", new BulkQueryImport(applications, bulkThresholds, 50_000));
        // Bulk API 2.0 for large loads (issue 18): jobs reserved from the outbox, resumed by job id after a restart.
        registry.bind(
                "bulkIngest",
                new BulkIngest(
                        new BulkJobStore(
                                dataSource,
                                Duration.ofSeconds(settings.getLong("provisioning.outbox.lease-seconds", 120))),
                        applications,
                        directory,
                        links,
                        mappings,
                        recorder,
                        bulkThresholds,
                        settings.getInt("provisioning.bulk-api.max-records-per-job", 150_000),
                        settings.getLong("provisioning.bulk-api.max-upload-bytes", 100_000_000)));
        // Exactly once at the Salesforce boundary (issue 14): finds what an in-doubt create may have made.
        registry.bind(
                "inDoubtLookup",
                new InDoubtLookup(
                        applications,
                        links,
                        Duration.ofSeconds(
                                settings.getLong("provisioning.salesforce.in-doubt.clock-margin-seconds", 300))));
        // Reports (issue 7): report API and page, CSV export, retention, spool for database outages.
        ReportBeans.register(registry, settings, dataSource, dataDir);
        // Bounds the Salesforce calls in flight from this instance.
        registry.bind(
                "outboxWorkers",
                context.getExecutorServiceManager()
                        .newFixedThreadPool(
                                this, "outbox-worker", settings.getInt("provisioning.outbox.concurrency", 10)));

        // Password sync: mail servers (embedded by default), activation mails, reset page, reset inbox.
        PasswordWiring.register(context, settings, dataSource, directory, links, outbox, applications);

        // Queue inbound: the broker (embedded Artemis by default), the jms component, the inbound-queue beans.
        QueueWiring.register(context, settings, dataDir, parser, directory, applications);
        // SCIM 2.0 server (issue 8): /scim/v2 Users, Groups and discovery, with its own bearer tokens.
        ScimWiring.register(
                context,
                settings,
                dataSource,
                directory,
                applications.all().stream().map(SalesforceApplication::name).toList());

        // Observability (issue 9): /observe/health, /observe/metrics, the provisioning.operations log lines.
        ObserveWiring.register(context, settings);
        // Dev mode (issue 9): changed route and mapping files are checked, then reloaded without a restart.
        DevMode.register(context, settings, mappings, applications);

        // YAML transformers are ignored before Camel 4.19, so the mapping transformer is registered from Java.
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                transformer().scan("io.provisioning.mapping");
            }
        });
    }

    private static BulkFiles bulkFiles(
            Settings settings,
            HikariDataSource dataSource,
            UserDirectory directory,
            Jobs jobs,
            Outbox outbox,
            UserRequestParser parser,
            SalesforceApplications applications) {
        InboundFiles files = new InboundFiles(
                dataSource, Duration.ofSeconds(settings.getLong("provisioning.inbox.lease-seconds", 60)));
        var bulkSettings = new BulkFiles.Settings(
                Path.of(settings.require("provisioning.inbox")),
                settings.getLong("provisioning.inbox.max-file-bytes", 1L << 30),
                Duration.ofMillis(settings.getLong("provisioning.inbox.min-age-ms", 2000)),
                settings.getInt("provisioning.inbox.chunk-size", 500),
                Duration.ofSeconds(settings.getLong("provisioning.inbox.log-interval-seconds", 10)),
                new HashSet<>(
                        settings.getList("provisioning.users.required-fields", "userName,email,lastName,company")),
                applications.all().stream().map(SalesforceApplication::name).toList());
        return new BulkFiles(
                bulkSettings,
                files,
                jobs,
                new BulkRowWriter(dataSource, directory, files),
                new BulkRowParser(parser),
                new ResultFile(new BulkResults(dataSource)),
                outbox);
    }

    private static AttributeMappings loadMappings(SalesforceApplications applications) {
        Map<String, AttributeMapping> mappings = new LinkedHashMap<>();
        for (SalesforceApplication application : applications.all()) {
            mappings.put(application.name(), MappingFileLoader.load(application.name(), application.mappingFile()));
        }
        return new AttributeMappings(mappings);
    }
}
