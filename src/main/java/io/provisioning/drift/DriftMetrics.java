package io.provisioning.drift;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;

/**
 * {@code provisioning_drift_records{application, state=drift|missing}}: what the last reconcile of each application
 * found. The registry is looked up when a run ends (the observe wiring binds it after this feature's).
 */
public class DriftMetrics {

    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    public void record(CamelContext context, String application, long drift, long missing) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        gauge(registry, application, "drift").set(drift);
        gauge(registry, application, "missing").set(missing);
    }

    private AtomicLong gauge(MeterRegistry registry, String application, String state) {
        return values.computeIfAbsent(application + "|" + state, key -> {
            AtomicLong value = new AtomicLong();
            if (registry != null) {
                Gauge.builder("provisioning.drift.records", value, AtomicLong::get)
                        .description("Linked records the last reconcile found drifted or missing in Salesforce")
                        .tag("application", application)
                        .tag("state", state)
                        .register(registry);
            }
            return value;
        });
    }
}
