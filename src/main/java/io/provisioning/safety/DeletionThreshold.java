package io.provisioning.safety;

import io.provisioning.directory.HeldOperations;
import io.provisioning.directory.HeldOperations.Held;
import io.provisioning.directory.Operation;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxItem;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accidental-deletion threshold (issue 17, like Entra ID's): per application at most {@code deletion-threshold}
 * deletions and deactivations go out per rolling hour; the ones beyond are held (not sent, not failed) until someone
 * approves or discards them. A file job with more deletions than the threshold has them all held before the first is
 * sent: they wait until the file is read, then are counted together.
 */
public class DeletionThreshold {

    private static final Logger LOG = LoggerFactory.getLogger(DeletionThreshold.class);
    static final String CODE = "DELETION_THRESHOLD";
    static final Duration HOUR = Duration.ofHours(1);
    static final Duration WHILE_READING = Duration.ofSeconds(2);

    private final HeldOperations held;
    private final Outbox outbox;
    private final Map<String, SafetySettings> settings;
    private final SafetyReports reports;
    private final Clock clock;

    public DeletionThreshold(
            HeldOperations held,
            Outbox outbox,
            Map<String, SafetySettings> settings,
            SafetyReports reports,
            Clock clock) {
        this.held = held;
        this.outbox = outbox;
        this.settings = settings;
        this.reports = reports;
        this.clock = clock;
    }

    /** @return the claimed items that may go out now; held and postponed deletions are left out */
    public List<OutboxItem> admit(List<OutboxItem> claimed) {
        List<Long> deletes = claimed.stream()
                .filter(i -> i.operation() == Operation.DELETE && settings.containsKey(i.application()))
                .map(OutboxItem::id)
                .toList();
        if (deletes.isEmpty()) {
            return claimed;
        }
        Set<Long> undecided = held.notAdmitted(deletes);
        Map<String, Boolean> jobsOverThreshold = new HashMap<>();
        Set<String> jobsHeld = new HashSet<>();
        Set<Long> leftOut = new HashSet<>();
        Map<String, List<Long>> toCount = new LinkedHashMap<>();
        for (OutboxItem item : claimed) {
            if (!undecided.contains(item.id())) {
                continue;
            }
            String application = item.application();
            int threshold = settings.get(application).deletionThreshold();
            if (item.jobId() != null) {
                if (held.jobStillReading(item.jobId())) {
                    outbox.postpone(item.id(), WHILE_READING, "deletion waits until its file is read (threshold)");
                    leftOut.add(item.id());
                    continue;
                }
                String job = item.jobId() + "\n" + application;
                if (jobsOverThreshold.computeIfAbsent(
                        job, k -> held.jobDeletes(item.jobId(), application) > threshold)) {
                    if (jobsHeld.add(job)) { // once per call: it holds every deletion of the job at once
                        holdJob(item.jobId(), application, threshold);
                    }
                    leftOut.add(item.id());
                    continue;
                }
            }
            toCount.computeIfAbsent(application, a -> new ArrayList<>()).add(item.id());
        }
        OffsetDateTime hourAgo =
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(HOUR);
        toCount.forEach((application, ids) -> {
            int threshold = settings.get(application).deletionThreshold();
            // counted and admitted under the application's lock: instances never both use the same room
            HeldOperations.Admission admission = held.admitWithin(application, ids, threshold, hourAgo);
            ids.stream().filter(id -> !admission.admitted().contains(id)).forEach(leftOut::add);
            if (!admission.held().isEmpty()) {
                LOG.warn(
                        "{} deletion(s) of {} held: more than {} in an hour",
                        admission.held().size(),
                        application,
                        threshold);
                reports.items(
                        application, admission.held(), SafetyReports.HELD, CODE, heldMessage(application, threshold));
            }
        });
        return claimed.stream().filter(i -> !leftOut.contains(i.id())).toList();
    }

    private void holdJob(String jobId, String application, int threshold) {
        List<Held> items = held.holdJob(jobId, application);
        if (items.isEmpty()) {
            return;
        }
        LOG.warn(
                "File job {} has more than {} deletions for {}: all {} held",
                jobId,
                threshold,
                application,
                items.size());
        reports.items(
                application,
                items,
                SafetyReports.HELD,
                CODE,
                "the file has more deletions than the threshold of " + threshold + "; "
                        + heldMessage(application, threshold));
    }

    static String heldMessage(String application, int threshold) {
        return "held: at most " + threshold + " deletions an hour go to " + application
                + "; approve with POST /api/applications/" + application + "/held/approve or drop with"
                + " .../held/discard";
    }
}
