package io.provisioning;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.provisioning.observe.BrokerCheck;
import io.provisioning.observe.BulkFileObserver;
import io.provisioning.observe.Cached;
import io.provisioning.observe.CheckResult;
import io.provisioning.observe.DatabaseCheck;
import io.provisioning.observe.HealthReport;
import io.provisioning.observe.InboxCheck;
import io.provisioning.observe.IntakeCorrelation;
import io.provisioning.observe.OperationObserver;
import io.provisioning.observe.OutboundCallObserver;
import io.provisioning.observe.OutboxBacklog;
import io.provisioning.observe.Probes;
import io.provisioning.observe.ProvisioningMetrics;
import io.provisioning.observe.SalesforceLoginCheck;
import io.provisioning.observe.SmtpCheck;
import io.provisioning.salesforce.LoginGuard;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.MailServer;
import io.provisioning.support.Settings;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.spi.Registry;

/**
 * Start-up wiring of observability (issue 9): the health checks behind {@code /observe/health}, the Prometheus
 * registry behind {@code /observe/metrics} (also camel-micrometer-prometheus' {@code metricsRegistry}, so Camel's
 * own route metrics land in it), and the observers that count and log operations. Runs after the other wirings: it
 * reads the beans they bound.
 */
final class ObserveWiring {

    private ObserveWiring() {}

    static void register(CamelContext context, Settings settings) {
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);

        List<SalesforceApplication> applications = registry.lookupByNameAndType(
                        "salesforceApplications", SalesforceApplications.class)
                .all();

        PrometheusMeterRegistry meters = metricsRegistry(registry);
        Set<String> names =
                applications.stream().map(SalesforceApplication::name).collect(Collectors.toSet());
        ProvisioningMetrics metrics = new ProvisioningMetrics(
                meters,
                names,
                new Cached<>(
                        new OutboxBacklog(dataSource, clock),
                        Duration.ofMillis(settings.getLong("provisioning.observe.outbox-cache-ms", 5_000)),
                        clock));
        registry.bind("operationObserver", new OperationObserver(metrics));
        registry.bind("bulkFileObserver", new BulkFileObserver(metrics));
        context.getManagementStrategy().addEventNotifier(new OutboundCallObserver(metrics));
        context.getManagementStrategy().addEventNotifier(new IntakeCorrelation());

        Map<String, Supplier<CheckResult>> checks = checks(context, settings, dataSource, applications, clock);
        registry.bind("healthReport", new HealthReport(checks));
        // readiness: an instance without its database or broker can accept no work; the rest waits and is retried
        registry.bind("probes", new Probes(context, new HealthReport(checks, Set.of("database", "broker"))));
    }

    /**
     * camel-micrometer-prometheus' registry when it has made one already (camel.metrics.enabled), else a new one it
     * will use.
     */
    private static PrometheusMeterRegistry metricsRegistry(Registry registry) {
        PrometheusMeterRegistry meters = registry.lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind("metricsRegistry", meters);
        }
        return meters;
    }

    private static Map<String, Supplier<CheckResult>> checks(
            CamelContext context,
            Settings settings,
            DataSource dataSource,
            List<SalesforceApplication> applications,
            Clock clock) {
        Registry registry = context.getRegistry();
        Duration cache = Duration.ofMillis(settings.getLong("provisioning.observe.health-cache-ms", 5_000));
        int timeoutMs = settings.getInt("provisioning.observe.check-timeout-ms", 2_000);
        Map<String, Supplier<CheckResult>> checks = new LinkedHashMap<>();
        checks.put(
                "database", new Cached<>(new DatabaseCheck(dataSource, Math.max(1, timeoutMs / 1000)), cache, clock));
        checks.put(
                "broker",
                new Cached<>(
                        new BrokerCheck(
                                registry.lookupByNameAndType("brokerProbeConnectionFactory", ConnectionFactory.class)),
                        cache,
                        clock));
        LoginGuard loginGuard = registry.lookupByNameAndType("loginGuard", LoginGuard.class);
        Duration loginInterval =
                Duration.ofSeconds(settings.getLong("provisioning.observe.salesforce-login-interval-seconds", 300));
        for (SalesforceApplication application : applications) {
            SalesforceComponent component =
                    context.getComponent(application.componentName(), SalesforceComponent.class);
            checks.put(
                    "salesforce:" + application.name(),
                    new SalesforceLoginCheck(
                            application.name(), loginGuard, component::getSession, loginInterval, clock));
        }
        MailServer smtp = registry.lookupByNameAndType("outboundMailServer", MailServer.class);
        checks.put(
                "smtp",
                new Cached<>(
                        new SmtpCheck(smtp.host(), smtp.port(), "smtps".equals(smtp.protocol()), timeoutMs),
                        cache,
                        clock));
        checks.put(
                "inbox", new Cached<>(new InboxCheck(Path.of(settings.require("provisioning.inbox"))), cache, clock));
        return checks;
    }
}
