package io.provisioning.safety;

import io.provisioning.directory.ApplicationStates;
import io.provisioning.directory.HeldOperations;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.WriteWindows;
import io.provisioning.observe.ObserveFeature;
import io.provisioning.salesforce.OutcomeRecorder;
import io.provisioning.salesforce.SalesforceApplications;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Start-up wiring of the protections that keep an org safe (issue 17; docs/org-safety.md): the API budget, the
 * quarantine watch, the deletion threshold, the outbox's gate ({@code applicationGate}) and the API bean
 * ({@code applicationSafety}). {@link #wire} runs after the Salesforce feature (its outcome recorder), {@link #observe}
 * after the observability feature, whose meter registry and health report it extends; both are given what they use.
 */
public final class SafetyFeature {

    private SafetyFeature() {}

    /** What {@link #observe} shows: the stored application states, the held deletions, the API bean's health. */
    public record Wired(ApplicationStates states, HeldOperations held, ApplicationSafetyResource resource) {}

    public static Wired wire(
            CamelContext context,
            Map<String, SafetySettings> perApplication,
            SalesforceApplications applications,
            DataSource dataSource,
            Outbox outbox,
            OutcomeRecorder recorder) {
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        ApplicationStates states = new ApplicationStates(dataSource);
        HeldOperations held = new HeldOperations(dataSource);
        SafetyReports reports = new SafetyReports(context);
        ApiBudget budget = new ApiBudget(states, perApplication, reports, clock);
        QuarantineWatch quarantine =
                new QuarantineWatch(states, new WriteWindows(dataSource), perApplication, reports, clock);
        recorder.listener(new SafetyOutcomes(budget, quarantine));
        context.getManagementStrategy().addEventNotifier(new ApiUsageWatch(budget));
        registry.bind("applicationStates", states);
        registry.bind("heldOperations", held);
        registry.bind("apiBudget", budget);
        registry.bind(
                "applicationGate",
                new ApplicationGate(
                        outbox, states, new DeletionThreshold(held, outbox, perApplication, reports, clock), budget));
        ApplicationSafetyResource resource = new ApplicationSafetyResource(
                applications, states, held, budget, quarantine, reports, perApplication, clock);
        registry.bind("applicationSafety", resource);
        return new Wired(states, held, resource);
    }

    /** After the observability wiring: the state and held meters, the applications' section of the health answer. */
    public static void observe(
            Wired safety, List<String> applications, ObserveFeature.Wired observed, Duration meterCache) {
        SafetyMeters.register(
                observed.meters(), applications, safety.states(), safety.held(), meterCache, Clock.systemUTC());
        observed.health().section("applications", safety.resource()::health);
    }
}
