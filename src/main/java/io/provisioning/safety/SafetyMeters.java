package io.provisioning.safety;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisioning.directory.ApplicationStates;
import io.provisioning.directory.HeldOperations;
import io.provisioning.observe.Cached;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The protections' meters: {@code provisioning_application_state{application,state}} (1 for the state the
 * application is in, 0 for the others) and {@code provisioning_held_operations{application}}. Read from the database
 * when scraped, cached a few seconds.
 */
final class SafetyMeters {

    static final List<String> STATES =
            List.of(ApplicationSafetyResource.RUNNING, ApplicationStates.PAUSED, ApplicationStates.QUARANTINED);

    private SafetyMeters() {}

    static void register(
            MeterRegistry registry,
            List<String> applications,
            ApplicationStates states,
            HeldOperations held,
            Duration cache,
            Clock clock) {
        Supplier<Map<String, ApplicationStates.Stopped>> stopped = new Cached<>(states::stopped, cache, clock);
        Supplier<Map<String, Long>> heldCounts = new Cached<>(held::heldCounts, cache, clock);
        for (String application : applications) {
            for (String state : STATES) {
                Gauge.builder("provisioning.application.state", stopped, s -> {
                            ApplicationStates.Stopped current = s.get().get(application);
                            String now = current == null ? ApplicationSafetyResource.RUNNING : current.state();
                            return now.equals(state) ? 1 : 0;
                        })
                        .description("1 for the state each application is in: running, paused (API budget) or"
                                + " quarantined")
                        .tags("application", application, "state", state)
                        .strongReference(true)
                        .register(registry);
            }
            Gauge.builder("provisioning.held.operations", heldCounts, h -> h.get()
                            .getOrDefault(application, 0L))
                    .description("Deletions held by the deletion threshold, waiting for approval")
                    .tag("application", application)
                    .strongReference(true)
                    .register(registry);
        }
    }
}
