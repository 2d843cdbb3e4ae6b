package io.provisioning.safety;

import io.provisioning.directory.ApplicationStates;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quarantine (issue 17, like Entra ID's): when at least {@code failure-percent} of an application's recent writes
 * (at least {@code min-operations} within the window) failed permanently, its writes stop until someone resumes it.
 * Transient failures (server busy, timeouts) are retried with back-off and never reach this watch. Each instance
 * watches the writes it made; the quarantine itself is shared through the database.
 */
public class QuarantineWatch {

    private static final Logger LOG = LoggerFactory.getLogger(QuarantineWatch.class);
    static final int SAMPLES = 5;

    /** Writes of one second. */
    private static final class Second {
        final long epochSecond;
        long succeeded;
        long failed;

        Second(long epochSecond) {
            this.epochSecond = epochSecond;
        }
    }

    private static final class Window {
        final Deque<Second> seconds = new ArrayDeque<>();
        final Deque<String> samples = new ArrayDeque<>();
        long succeeded;
        long failed;
    }

    private final ApplicationStates states;
    private final Map<String, SafetySettings> settings;
    private final SafetyReports reports;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public QuarantineWatch(
            ApplicationStates states, Map<String, SafetySettings> settings, SafetyReports reports, Clock clock) {
        this.states = states;
        this.settings = settings;
        this.reports = reports;
        this.clock = clock;
    }

    public void succeeded(String application, int items) {
        record(application, items, 0, null);
    }

    /** @param error the error code and message, kept as a sample */
    public void failedPermanently(String application, String error) {
        record(application, 0, 1, error);
    }

    /** Forgets the application's recent writes (after a resume: the storm that was is not held against it). */
    public void clear(String application) {
        windows.remove(application);
    }

    private void record(String application, int succeeded, int failed, String error) {
        SafetySettings limits = settings.get(application);
        if (limits == null) {
            return;
        }
        Window window = windows.computeIfAbsent(application, a -> new Window());
        String reason = null;
        List<String> samples = null;
        synchronized (window) {
            long now = clock.instant().getEpochSecond();
            Second last = window.seconds.peekLast();
            if (last == null || last.epochSecond != now) {
                last = new Second(now);
                window.seconds.addLast(last);
            }
            last.succeeded += succeeded;
            last.failed += failed;
            window.succeeded += succeeded;
            window.failed += failed;
            if (error != null) {
                window.samples.addLast(error);
                if (window.samples.size() > SAMPLES) {
                    window.samples.removeFirst();
                }
            }
            long oldest = now - limits.quarantineWindow().toSeconds();
            while (!window.seconds.isEmpty() && window.seconds.peekFirst().epochSecond <= oldest) {
                Second gone = window.seconds.removeFirst();
                window.succeeded -= gone.succeeded;
                window.failed -= gone.failed;
            }
            long total = window.succeeded + window.failed;
            if (failed > 0
                    && total >= limits.quarantineMinOperations()
                    && window.failed * 100 >= (long) limits.quarantinePercent() * total) {
                reason = window.failed + " of the last " + total + " writes failed permanently (quarantine at "
                        + limits.quarantinePercent() + " % of at least " + limits.quarantineMinOperations()
                        + " in " + limits.quarantineWindow().toMinutes() + " min); resume with POST /api/applications/"
                        + application + "/resume once the cause is fixed";
                samples = new ArrayList<>(window.samples);
            }
        }
        if (reason != null && states.quarantine(application, reason, samples)) {
            LOG.warn("Application {} quarantined: {}; sample errors: {}", application, reason, samples);
            reports.application(application, "quarantine", "quarantined", "QUARANTINED", reason);
            clear(application);
        }
    }
}
