package io.provisioning.safety;

import io.provisioning.api.ConflictException;
import io.provisioning.directory.ApplicationStates;
import io.provisioning.directory.ApplicationStates.Stopped;
import io.provisioning.directory.HeldOperations;
import io.provisioning.directory.HeldOperations.Held;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protections in the API (issue 17): each application's state in {@code GET /api/applications}, in the health
 * answer and in a job's ETA; {@code POST /api/applications/{app}/resume}; the held deletions and their approval.
 */
public class ApplicationSafetyResource {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationSafetyResource.class);
    static final String RUNNING = "running";

    private final SalesforceApplications applications;
    private final ApplicationStates states;
    private final HeldOperations held;
    private final ApiBudget budget;
    private final QuarantineWatch quarantine;
    private final SafetyReports reports;
    private final Map<String, SafetySettings> settings;
    private final Clock clock;

    public ApplicationSafetyResource(
            SalesforceApplications applications,
            ApplicationStates states,
            HeldOperations held,
            ApiBudget budget,
            QuarantineWatch quarantine,
            SafetyReports reports,
            Map<String, SafetySettings> settings,
            Clock clock) {
        this.applications = applications;
        this.states = states;
        this.held = held;
        this.budget = budget;
        this.quarantine = quarantine;
        this.reports = reports;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code GET /api/applications}: each application's view with its state, held work and API budget. */
    public List<Map<String, Object>> withStates(List<Map<String, Object>> views) {
        Map<String, Stopped> stopped = states.stopped();
        Map<String, Long> heldCounts = held.heldCounts();
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> view : views) {
            String name = String.valueOf(view.get("name"));
            Map<String, Object> withState = new LinkedHashMap<>(view);
            withState.putAll(state(stopped.get(name)));
            withState.put("heldOperations", heldCounts.getOrDefault(name, 0L));
            SafetySettings limits = settings.get(name);
            Map<String, Object> apiBudget = new LinkedHashMap<>();
            apiBudget.put("reservePercent", limits.reservePercent());
            budget.usage(name).ifPresent(usage -> {
                apiBudget.put("used", usage.used());
                apiBudget.put("max", usage.max());
                apiBudget.put("remaining", usage.remaining());
            });
            withState.put("apiBudget", apiBudget);
            withState.put("deletionThreshold", limits.deletionThreshold());
            result.add(withState);
        }
        return result;
    }

    /** The health answer's {@code applications} section: state and reason of each (never makes it DOWN). */
    public Map<String, Object> health() {
        Map<String, Stopped> stopped = states.stopped();
        Map<String, Object> section = new LinkedHashMap<>();
        for (SalesforceApplication application : applications.all()) {
            Map<String, Object> state = new LinkedHashMap<>(state(stopped.get(application.name())));
            state.remove("sampleErrors");
            section.put(application.name(), state);
        }
        return section;
    }

    /** {@code POST /api/applications/{app}/resume}: ends a quarantine (or a pause: the budget is checked again). */
    public Map<String, Object> resume(@Header("app") String app) {
        String name = applications.get(app).name();
        Stopped was = states.resume(name, null)
                .orElseThrow(() -> new ConflictException(
                        "Application " + name + " is running: there is no pause or quarantine to end"));
        quarantine.clear(name);
        String message =
                "resumed by POST /api/applications/" + name + "/resume; it was " + was.state() + ": " + was.reason();
        LOG.info("Application {} {}", name, message);
        reports.application(name, "resume", "success", "RESUMED", message);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("application", name);
        answer.put("state", RUNNING);
        answer.put("was", state(was));
        return answer;
    }

    /** {@code GET /api/applications/{app}/held}. */
    public Map<String, Object> held(@Header("app") String app) {
        String name = applications.get(app).name();
        return answer(name, "held", held.list(name));
    }

    /** {@code POST /api/applications/{app}/held/approve}: every held deletion goes out now. */
    public Map<String, Object> approve(@Header("app") String app) {
        String name = applications.get(app).name();
        List<Held> approved = held.approve(name);
        if (approved.isEmpty()) {
            throw nothingHeld(name);
        }
        LOG.info("{} held deletion(s) of {} approved", approved.size(), name);
        return answer(name, "approved", approved);
    }

    /** {@code POST /api/applications/{app}/held/discard}: held deletions are dropped, never sent. */
    public Map<String, Object> discard(@Header("app") String app) {
        String name = applications.get(app).name();
        List<Held> discarded = held.discard(name);
        if (discarded.isEmpty()) {
            throw nothingHeld(name);
        }
        LOG.warn("{} held deletion(s) of {} discarded: never sent to Salesforce", discarded.size(), name);
        reports.items(
                name,
                discarded,
                SafetyReports.DISCARDED,
                DeletionThreshold.CODE,
                "discarded while held: never sent; the directory keeps its state, the Salesforce record stays");
        return answer(name, "discarded", discarded);
    }

    /**
     * {@code GET /api/jobs/{id}}: work of a paused or quarantined application waits, so the job says so and its ETA
     * includes the wait (a paused application until its next budget check; a quarantine has none: a person ends it).
     */
    public Map<String, Object> withWaits(Map<String, Object> job) {
        Object pending = job.get("provisioningPending");
        Map<String, Stopped> stopped = states.stopped();
        if (!(pending instanceof Number n) || n.longValue() == 0 || stopped.isEmpty()) {
            return job;
        }
        Object jobApplication = job.get("application");
        List<Map<String, Object>> waits = new ArrayList<>();
        long waitSeconds = 0;
        boolean open = false;
        for (Stopped s : stopped.values()) {
            if (jobApplication != null && !s.application().equals(jobApplication)) {
                continue;
            }
            Map<String, Object> wait = new LinkedHashMap<>();
            wait.put("application", s.application());
            wait.putAll(state(s));
            waits.add(wait);
            if (s.paused() && s.recheckAt() != null) {
                waitSeconds = Math.max(
                        waitSeconds,
                        Math.max(
                                0,
                                Duration.between(OffsetDateTime.now(clock), s.recheckAt())
                                        .toSeconds()));
            } else {
                open = true;
            }
        }
        if (waits.isEmpty()) {
            return job;
        }
        Map<String, Object> result = new LinkedHashMap<>(job);
        result.put("waitingFor", waits);
        Object eta = job.get("estimatedSecondsLeft");
        result.put("estimatedSecondsLeft", open ? null : (eta instanceof Number e ? e.longValue() : 0) + waitSeconds);
        return result;
    }

    private static Map<String, Object> state(Stopped stopped) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", stopped == null ? RUNNING : stopped.state());
        if (stopped != null) {
            state.put("stateReason", stopped.reason());
            state.put("stateSince", stopped.since().toString());
            if (!stopped.sampleErrors().isEmpty()) {
                state.put("sampleErrors", stopped.sampleErrors());
            }
            if (stopped.paused() && stopped.recheckAt() != null) {
                state.put("budgetCheckAt", stopped.recheckAt().toString());
            }
        }
        return state;
    }

    private static Map<String, Object> answer(String application, String key, List<Held> items) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("application", application);
        answer.put("count", items.size());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Held item : items) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", item.id());
            view.put("userId", item.userId());
            view.put("userName", item.userName());
            view.put("operation", item.operation());
            view.put("source", item.source());
            view.put("jobId", item.jobId());
            view.put("heldAt", item.heldAt() == null ? null : item.heldAt().toString());
            list.add(view);
        }
        answer.put(key, list);
        return answer;
    }

    private static ConflictException nothingHeld(String application) {
        return new ConflictException("Nothing is held for " + application + ": no deletion is waiting for approval"
                + " (GET /api/applications/" + application + "/held lists them)");
    }
}
