package io.provisioning.drift;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code provisioning_drift_records{application, state=drift|missing}}: what the last reconcile of each application
 * found, in the registry the observe feature made (given by the wiring).
 */
class DriftMetrics {

    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String application, long drift, long missing) {
        gauge(application, "drift").set(drift);
        gauge(application, "missing").set(missing);
    }

    private AtomicLong gauge(String application, String state) {
        return values.computeIfAbsent(application + "|" + state, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("provisioning.drift.records", value, AtomicLong::get)
                    .description("Linked records the last reconcile found drifted or missing in Salesforce")
                    .tag("application", application)
                    .tag("state", state)
                    .register(registry);
            return value;
        });
    }
}
