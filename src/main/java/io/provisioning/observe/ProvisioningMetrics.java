package io.provisioning.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The bundle's own meters ({@code provisioning_*} in the Prometheus text). Counters are created on first use per
 * label set; the outbox gauges read a cached backlog query when scraped.
 */
class ProvisioningMetrics {

    /** Report rows of the bundle's own work name these instead of a Salesforce application. */
    static final List<String> INTERNAL_APPLICATIONS = List.of("directory", "queue", "mail", "unknown");
    /** The label of any other application name: a message may name one that does not exist. */
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Set<String> applications;
    private final Map<List<String>, Counter> operations = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<ApiUsage>> apiUsage = new ConcurrentHashMap<>();

    /**
     * @param applications the configured applications: other names (e.g. from a rejected queue message) are counted
     *        as {@code other}, so no caller can add label values without bound
     * @param backlog read when scraped (held strongly: Micrometer gauges only keep weak references)
     */
    public ProvisioningMetrics(
            MeterRegistry registry, Set<String> applications, Supplier<OutboxBacklog.Backlog> backlog) {
        this.registry = registry;
        this.applications = new HashSet<>(applications);
        this.applications.addAll(INTERNAL_APPLICATIONS);
        Gauge.builder(
                        "provisioning.outbox.pending",
                        backlog,
                        b -> b.get().pending() < 0 ? Double.NaN : b.get().pending())
                .description("Provisioning work waiting in the outbox")
                .strongReference(true)
                .register(registry);
        Gauge.builder("provisioning.outbox.oldest.pending.age", backlog, b -> b.get()
                        .oldestAgeSeconds())
                .baseUnit("seconds")
                .description("Age of the oldest pending outbox item")
                .strongReference(true)
                .register(registry);
    }

    /** One operation's outcome, as its report row says: success, failure, retrying or skipped. */
    public void operation(String application, String operation, String status) {
        String app = applications.contains(application) ? application : OTHER;
        // one counter per label set, found without building a meter id per report row (a bulk file writes 100,000s)
        operations
                .computeIfAbsent(List.of(app, operation, status), labels -> Counter.builder("provisioning.operations")
                        .description("Operations by application, operation and status")
                        .tags("application", app, "operation", operation, "status", status)
                        .register(registry))
                .increment();
    }

    /** @param outcome ok or error */
    public void salesforceCall(String application, String outcome) {
        Counter.builder("provisioning.salesforce.api.calls")
                .description("Salesforce API calls made by the bundle")
                .tags("application", application, "outcome", outcome)
                .register(registry)
                .increment();
    }

    /** The latest usage Salesforce reported for the application's org. */
    public void apiUsage(String application, ApiUsage usage) {
        apiUsage.computeIfAbsent(application, a -> {
                    AtomicReference<ApiUsage> latest = new AtomicReference<>(usage);
                    Gauge.builder("provisioning.salesforce.api.requests.remaining", latest, r -> r.get()
                                    .remaining())
                            .description("Daily API requests left in the org (Sforce-Limit-Info)")
                            .tag("application", a)
                            .register(registry);
                    Gauge.builder("provisioning.salesforce.api.requests.max", latest, r -> r.get()
                                    .max())
                            .description("Daily API request limit of the org (Sforce-Limit-Info)")
                            .tag("application", a)
                            .register(registry);
                    return latest;
                })
                .set(usage);
    }

    public void bulkRows(String outcome, long rows) {
        Counter.builder("provisioning.bulk.rows")
                .description("Bulk file rows processed, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment(rows);
    }

    /** @param kind the mail's operation: activation-mail or reset-mail */
    public void mailSent(String kind) {
        Counter.builder("provisioning.mails.sent")
                .description("Mails handed to the SMTP server")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }
}
