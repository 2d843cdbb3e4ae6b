package io.provisioning.salesforce;

import io.provisioning.directory.Operation;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxItem;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups claimed outbox items into sObject collection batches (same application and operation, at most
 * {@code maxBatch}, 200 being Salesforce's limit). What needs a call of its own (a User's deactivation with its
 * freeze fallback, reactivation) and lone items stay single.
 */
public final class WriteBatcher {

    public static final int SALESFORCE_MAX = 200;

    private final SalesforceApplications applications;
    private final int maxBatch;
    private final Outbox outbox;
    private final Duration fillWait;

    /**
     * @param fillWait how long a partial batch of file work may wait for more items of its file (a bulk file is
     *        committed chunk by chunk); work from the API and other sources never waits
     */
    public WriteBatcher(SalesforceApplications applications, int maxBatch, Outbox outbox, Duration fillWait) {
        if (maxBatch < 1 || maxBatch > SALESFORCE_MAX) {
            throw new IllegalArgumentException("batch size must be 1.." + SALESFORCE_MAX + ", got " + maxBatch);
        }
        this.applications = applications;
        this.maxBatch = maxBatch;
        this.outbox = outbox;
        this.fillWait = fillWait;
    }

    /** @return single {@link OutboxItem}s and {@link WriteBatch}es, in the order work should start */
    public List<Object> group(List<OutboxItem> items) {
        List<Object> work = new ArrayList<>();
        Map<String, List<OutboxItem>> groups = new LinkedHashMap<>();
        for (OutboxItem item : items) {
            // entitlement steps always go as a batch (their route takes batches only), even of one
            if (batchable(item) || item.operation() == Operation.ENTITLEMENTS) {
                groups.computeIfAbsent(item.application() + "|" + item.operation(), k -> new ArrayList<>())
                        .add(item);
            } else {
                work.add(item);
            }
        }
        List<Long> held = new ArrayList<>();
        OffsetDateTime youngest = OffsetDateTime.now(ZoneOffset.UTC).minus(fillWait);
        for (List<OutboxItem> group : groups.values()) {
            for (int from = 0; from < group.size(); from += maxBatch) {
                List<OutboxItem> chunk = group.subList(from, Math.min(group.size(), from + maxBatch));
                if (chunk.size() < maxBatch
                        && chunk.stream()
                                .allMatch(
                                        i -> i.jobId() != null && i.createdAt().isAfter(youngest))) {
                    // more rows of the same file are on their way: send them in a full batch a moment later
                    chunk.forEach(i -> held.add(i.id()));
                } else if (chunk.size() == 1 && chunk.get(0).operation() != Operation.ENTITLEMENTS) {
                    work.add(chunk.get(0));
                } else {
                    OutboxItem first = chunk.get(0);
                    work.add(new WriteBatch(first.application(), first.operation(), List.copyOf(chunk)));
                }
            }
        }
        outbox.release(held);
        return work;
    }

    /** The outbox items of one piece of work {@link #group} made: a single item or a batch. */
    public static List<OutboxItem> items(Object work) {
        return work instanceof WriteBatch batch ? batch.items() : List.of((OutboxItem) work);
    }

    private boolean batchable(OutboxItem item) {
        if (maxBatch == 1) {
            return false;
        }
        boolean userTarget = "User".equals(applications.get(item.application()).sObject());
        return switch (item.operation()) {
            case CREATE, UPDATE -> true;
            case DELETE -> !userTarget;
            default -> false;
        };
    }
}
