package io.provisioning.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.ApplicationStates;
import io.provisioning.salesforce.SalesforceFailure;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API budget governor (issue 17): follows each application's org usage ({@code Sforce-Limit-Info} on every
 * answer, {@code /limits} when paused) and pauses the application's writes before the reserve kept for the org's
 * other integrations is eaten, or at once when Salesforce answers REQUEST_LIMIT_EXCEEDED. A paused application's
 * work stays pending; its budget is checked again every interval and it resumes by itself.
 */
public class ApiBudget {

    private static final Logger LOG = LoggerFactory.getLogger(ApiBudget.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    /** The longest wait between two budget checks of a paused application, in recheck intervals. */
    static final int RECHECK_BACK_OFF = 6;

    /** The latest usage seen for an application's org. */
    public record Usage(long used, long max) {
        public long remaining() {
            return Math.max(0, max - used);
        }
    }

    private final ApplicationStates states;
    private final Map<String, SafetySettings> settings;
    private final SafetyReports reports;
    private final Clock clock;
    private final Map<String, Usage> latest = new ConcurrentHashMap<>();
    /** Writes let through and not finished yet: their calls may not show in the usage seen so far. */
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    public ApiBudget(
            ApplicationStates states, Map<String, SafetySettings> settings, SafetyReports reports, Clock clock) {
        this.states = states;
        this.settings = settings;
        this.reports = reports;
        this.clock = clock;
    }

    /** Usage reported by any answer of the application's org. */
    public void observed(String application, long used, long max) {
        if (settings.containsKey(application)) {
            latest.put(application, new Usage(used, max));
            check(application);
        }
    }

    /**
     * A call whose answer reported no usage (a timeout, a dropped connection): Salesforce may still have counted it,
     * so the estimate counts it too until the next answer says.
     */
    public void calledUnseen(String application) {
        if (settings.containsKey(application)) {
            Usage last = latest.computeIfPresent(application, (a, u) -> new Usage(u.used() + 1, u.max()));
            if (last != null) {
                check(application);
            }
        }
    }

    /**
     * Before a write goes out: is there budget above the reserve for it and for the writes still in flight? If not,
     * the application is paused and the write waits.
     *
     * @return true when the write may go out; {@link #callDone} must follow
     */
    public boolean admitCall(String application) {
        SafetySettings limits = settings.get(application);
        if (limits == null) {
            return true;
        }
        synchronized (inFlight) {
            Usage usage = latest.get(application);
            int flying = inFlight.getOrDefault(application, 0);
            if (usage != null && usage.remaining() - flying <= limits.reserve(usage.max())) {
                pause(
                        application,
                        "API_BUDGET_RESERVE",
                        "the org has " + usage.remaining() + " of " + usage.max() + " daily API requests left and "
                                + flying + " call(s) in flight; the reserve of " + limits.reserve(usage.max()) + " ("
                                + limits.reservePercent() + " %) is kept for its other integrations");
                return false;
            }
            inFlight.put(application, flying + 1);
            return true;
        }
    }

    /** A write let through by {@link #admitCall} has finished (answered, failed or given back). */
    public void callDone(String application) {
        synchronized (inFlight) {
            inFlight.computeIfPresent(application, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    private void check(String application) {
        SafetySettings limits = settings.get(application);
        Usage usage = latest.get(application);
        long max = usage.max();
        long reserve = limits.reserve(max);
        if (usage.remaining() <= reserve) {
            pause(
                    application,
                    "API_BUDGET_RESERVE",
                    "the org has " + usage.remaining() + " of " + max + " daily API requests left; the reserve of "
                            + reserve + " (" + limits.reservePercent() + " %) is kept for its other integrations");
        }
    }

    /**
     * @return true when the failure is the org's daily limit: the application is paused and the item waits (a
     *     concurrent-request refusal is not: it is retried with back-off like any busy server)
     */
    public boolean limitExceeded(String application, SalesforceFailure failure) {
        if (!LIMIT_EXCEEDED.equals(failure.errorCode())
                || !settings.containsKey(application)
                || (failure.message() != null && failure.message().contains("ConcurrentRequests"))) {
            return false;
        }
        pause(
                application,
                LIMIT_EXCEEDED,
                "Salesforce refused a call: the org's daily API requests are used up (" + failure.message() + ")");
        return true;
    }

    public Optional<Usage> usage(String application) {
        return Optional.ofNullable(latest.get(application));
    }

    /** The paused applications whose budget is to be checked now (the recheck route's split). */
    public List<String> dueRechecks() {
        OffsetDateTime now = now();
        return states.stopped().values().stream()
                .filter(ApplicationStates.Stopped::paused)
                .filter(s -> s.recheckAt() == null || !s.recheckAt().isAfter(now))
                .map(ApplicationStates.Stopped::application)
                .toList();
    }

    /**
     * The {@code /limits} answer of a paused application: resume once it is above the reserve by the resume margin
     * (hysteresis: an org hovering at the reserve would otherwise flap between paused and running on every call).
     */
    public void rechecked(String application, Exchange exchange) throws IOException {
        JsonNode daily =
                JSON.readTree(exchange.getMessage().getBody(String.class)).path("DailyApiRequests");
        long max = daily.path("Max").asLong();
        long remaining = daily.path("Remaining").asLong();
        SafetySettings limits = settings.get(application);
        latest.put(application, new Usage(max - remaining, max));
        if (remaining > limits.resumeAbove(max)) {
            states.resume(application, ApplicationStates.PAUSED).ifPresent(was -> {
                String message = "the org has " + remaining + " of " + max + " daily API requests left again";
                LOG.info("Application {} resumes writing: {}", application, message);
                reports.application(application, "resume", "success", "API_BUDGET_AVAILABLE", message);
            });
        } else {
            states.recheckAt(application, nextCheck(application));
        }
    }

    /** The check itself failed (the limit again, or Salesforce unreachable): stay paused, try at the next interval. */
    public void recheckFailed(String application, Exception failure) {
        OffsetDateTime next = nextCheck(application);
        LOG.info(
                "Budget check of paused application {} failed, next at {}: {}",
                application,
                next,
                failure.getMessage());
        states.recheckAt(application, next);
    }

    /**
     * When a paused application's budget is read next. Each {@code /limits} call is itself a request taken from the
     * reserve, so the wait grows with the pause (as long as it has lasted, from one interval up to
     * {@link #RECHECK_BACK_OFF} intervals): a day-long pause costs about 50 calls instead of one per interval.
     */
    OffsetDateTime nextCheck(String application) {
        Duration interval = settings.get(application).recheckInterval();
        OffsetDateTime now = now();
        ApplicationStates.Stopped stopped = states.stopped().get(application);
        Duration age = stopped == null ? Duration.ZERO : Duration.between(stopped.since(), now);
        Duration wait = age.compareTo(interval) < 0 ? interval : age;
        Duration longest = interval.multipliedBy(RECHECK_BACK_OFF);
        return now.plus(wait.compareTo(longest) > 0 ? longest : wait);
    }

    private void pause(String application, String code, String reason) {
        OffsetDateTime now = now();
        boolean paused = states.pause(
                application, reason, now, now.plus(settings.get(application).recheckInterval()));
        if (paused) {
            LOG.warn(
                    "Application {} paused: {}; its work waits, budget checked again from every {}",
                    application,
                    reason,
                    settings.get(application).recheckInterval());
            reports.application(application, "pause", "paused", code, reason);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
