package io.provisioning.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.provisioning.salesforce.LoginGuard;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.MailServer;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Clock;
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
 * Wires observability (issue 9): the health checks behind {@code /observe/health}, the Prometheus registry behind
 * {@code /observe/metrics} (also camel-micrometer-prometheus' {@code metricsRegistry}, so Camel's own route metrics
 * land in it), the liveness and readiness probes (issue 21), and the observers that count and log
 * operations. What it checks is passed in, not looked up; what others extend (the meter registry, the health report)
 * is returned.
 */
public final class ObserveFeature {

    private ObserveFeature() {}

    /** What the health checks look at: the parts the other features made. */
    public record Checked(
            DataSource dataSource,
            SalesforceApplications applications,
            LoginGuard loginGuard,
            ConnectionFactory brokerProbe,
            MailServer smtp,
            Path inbox) {}

    /** What other features add to: meters to the registry, sections to the health answer. */
    public record Wired(MeterRegistry meters, HealthReport health) {}

    public static Wired wire(CamelContext context, ObserveSettings settings, Checked checked) {
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        List<SalesforceApplication> applications = checked.applications().all();
        PrometheusMeterRegistry meters = metricsRegistry(registry);
        Set<String> names =
                applications.stream().map(SalesforceApplication::name).collect(Collectors.toSet());
        ProvisioningMetrics metrics = new ProvisioningMetrics(
                meters,
                names,
                new Cached<>(new OutboxBacklog(checked.dataSource(), clock), settings.outboxCache(), clock));
        registry.bind("operationObserver", new OperationObserver(metrics));
        registry.bind("bulkFileObserver", new BulkFileObserver(metrics));
        context.getManagementStrategy().addEventNotifier(new OutboundCallObserver(metrics));
        context.getManagementStrategy().addEventNotifier(new IntakeCorrelation());

        Map<String, Supplier<CheckResult>> checks = checks(context, settings, checked, applications, clock);
        HealthReport health = new HealthReport(checks);
        registry.bind("healthReport", health);
        // readiness: an instance without its database or broker can accept no work; the rest waits
        registry.bind("probes", new Probes(context, new HealthReport(checks, Set.of("database", "broker"))));
        return new Wired(meters, health);
    }

    /**
     * camel-micrometer-prometheus' registry when it has made one already (camel.metrics.enabled), else a new one it
     * will use: Camel's own name for it, the one lookup by name left (no feature of ours binds it before).
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
            ObserveSettings settings,
            Checked checked,
            List<SalesforceApplication> applications,
            Clock clock) {
        var cache = settings.healthCache();
        int timeoutMs = (int) settings.checkTimeout().toMillis();
        Map<String, Supplier<CheckResult>> checks = new LinkedHashMap<>();
        checks.put(
                "database",
                new Cached<>(new DatabaseCheck(checked.dataSource(), Math.max(1, timeoutMs / 1000)), cache, clock));
        checks.put("broker", new Cached<>(new BrokerCheck(checked.brokerProbe()), cache, clock));
        for (SalesforceApplication application : applications) {
            SalesforceComponent component =
                    context.getComponent(application.componentName(), SalesforceComponent.class);
            checks.put(
                    "salesforce:" + application.name(),
                    new SalesforceLoginCheck(
                            application.name(),
                            checked.loginGuard(),
                            component::getSession,
                            settings.salesforceLoginInterval(),
                            clock,
                            application.connection().flow()));
        }
        MailServer smtp = checked.smtp();
        checks.put(
                "smtp",
                new Cached<>(
                        new SmtpCheck(smtp.host(), smtp.port(), "smtps".equals(smtp.protocol()), timeoutMs),
                        cache,
                        clock));
        checks.put("inbox", new Cached<>(new InboxCheck(checked.inbox()), cache, clock));
        return checks;
    }
}
