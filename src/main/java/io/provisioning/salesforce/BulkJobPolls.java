package io.provisioning.salesforce;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to ask Salesforce again how a running ingest job is doing: every call counts against the org's daily limit, so
 * instead of every round, the next look is due when the job's own pace says it will be done (rows processed since it
 * was first seen running), or, while it has not started (queued behind other jobs), after a doubling wait. Kept in
 * memory: after a restart a job is looked at once at the first round.
 */
final class BulkJobPolls {
    private static final long MAX_WAIT_MS = 60_000;

    private record Seen(long atMillis, long processed, long nextAtMillis, int waits) {}

    private final Map<String, Seen> jobs = new ConcurrentHashMap<>();
    private final long minWaitMs;
    private final Clock clock;

    BulkJobPolls(long minWaitMs, Clock clock) {
        this.minWaitMs = minWaitMs;
        this.clock = clock;
    }

    /** Whether the job is due for a look now. */
    boolean due(String jobId) {
        Seen seen = jobs.get(jobId);
        return seen == null || clock.millis() >= seen.nextAtMillis();
    }

    /** A look that found the job still running, {@code processed} of its {@code rows} done. */
    void running(String jobId, long processed, long rows) {
        long now = clock.millis();
        Seen seen = jobs.get(jobId);
        int waits = seen == null ? 0 : seen.waits() + 1;
        long wait;
        Seen reference;
        if (seen != null && seen.processed() > 0 && processed > seen.processed() && now > seen.atMillis()) {
            // its pace since the first look that found it working
            double perMilli = (processed - seen.processed()) / (double) (now - seen.atMillis());
            wait = (long) (Math.max(0, rows - processed) / perMilli * 1.1);
            reference = seen;
        } else {
            wait = minWaitMs << Math.min(waits, 4);
            reference = new Seen(now, processed, 0, waits); // this look is where its pace is measured from
        }
        wait = Math.max(minWaitMs, Math.min(MAX_WAIT_MS, wait));
        jobs.put(jobId, new Seen(reference.atMillis(), reference.processed(), now + wait, waits));
    }

    /** The job ended: nothing more to remember. */
    void ended(String jobId) {
        jobs.remove(jobId);
    }
}
