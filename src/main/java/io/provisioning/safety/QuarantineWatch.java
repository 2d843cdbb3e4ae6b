package io.provisioning.safety;

import io.provisioning.directory.ApplicationStates;
import io.provisioning.directory.WriteWindows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Transient failures (server busy, timeouts) are retried with back-off and never reach this watch. The window is in
 * the database ({@link WriteWindows}): the writes of every instance count, and a restart keeps them. Successes are
 * written at most once a {@link #FLUSH} per instance (a failure writes at once), so a busy application costs one
 * update a second, not one per write. The sample errors are the ones this instance saw.
 */
public class QuarantineWatch {

    private static final Logger LOG = LoggerFactory.getLogger(QuarantineWatch.class);
    static final int SAMPLES = 5;
    static final Duration FLUSH = Duration.ofSeconds(1);

    /** This instance's writes not in the database yet, and its latest sample errors. */
    private static final class Unwritten {
        final Deque<String> samples = new ArrayDeque<>();
        long succeeded;
        long failed;
        Instant writtenAt = Instant.MIN;
    }

    private final ApplicationStates states;
    private final WriteWindows windows;
    private final Map<String, SafetySettings> settings;
    private final SafetyReports reports;
    private final Clock clock;
    private final Map<String, Unwritten> unwritten = new ConcurrentHashMap<>();

    public QuarantineWatch(
            ApplicationStates states,
            WriteWindows windows,
            Map<String, SafetySettings> settings,
            SafetyReports reports,
            Clock clock) {
        this.states = states;
        this.windows = windows;
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
        unwritten.remove(application);
        windows.clear(application);
    }

    private void record(String application, int succeeded, int failed, String error) {
        SafetySettings limits = settings.get(application);
        if (limits == null) {
            return;
        }
        Unwritten mine = unwritten.computeIfAbsent(application, a -> new Unwritten());
        Instant now = clock.instant();
        long addSucceeded;
        long addFailed;
        List<String> samples;
        synchronized (mine) {
            mine.succeeded += succeeded;
            mine.failed += failed;
            if (error != null) {
                mine.samples.addLast(error);
                if (mine.samples.size() > SAMPLES) {
                    mine.samples.removeFirst();
                }
            }
            if (failed == 0 && now.isBefore(mine.writtenAt.plus(FLUSH))) {
                return;
            }
            addSucceeded = mine.succeeded;
            addFailed = mine.failed;
            mine.succeeded = 0;
            mine.failed = 0;
            mine.writtenAt = now;
            samples = new ArrayList<>(mine.samples);
        }
        long second = now.getEpochSecond();
        long oldest = second - limits.quarantineWindow().toSeconds();
        windows.add(application, second, addSucceeded, addFailed);
        if (failed == 0) {
            windows.forgetUntil(application, oldest); // at most once a second: the window keeps its own size
            return;
        }
        WriteWindows.Totals window = windows.after(application, oldest);
        long total = window.total();
        if (total < limits.quarantineMinOperations()
                || window.failed() * 100 < (long) limits.quarantinePercent() * total) {
            return;
        }
        String reason = window.failed() + " of the last " + total + " writes failed permanently (quarantine at "
                + limits.quarantinePercent() + " % of at least " + limits.quarantineMinOperations() + " in "
                + limits.quarantineWindow().toMinutes() + " min); resume with POST /api/applications/" + application
                + "/resume once the cause is fixed";
        if (states.quarantine(application, reason, samples)) {
            LOG.warn("Application {} quarantined: {}; sample errors: {}", application, reason, samples);
            reports.application(application, "quarantine", "quarantined", "QUARANTINED", reason);
            clear(application);
        }
    }
}
