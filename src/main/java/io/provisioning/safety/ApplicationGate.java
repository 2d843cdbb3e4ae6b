package io.provisioning.safety;

import io.provisioning.directory.ApplicationStates;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxItem;
import io.provisioning.salesforce.WriteBatch;
import java.util.List;

/**
 * The outbox's one check before work goes out (issue 17): nothing of a paused or quarantined application is claimed
 * (its work stays pending where it is), and deletions pass the deletion threshold.
 */
public class ApplicationGate {

    private final Outbox outbox;
    private final ApplicationStates states;
    private final DeletionThreshold deletions;

    public ApplicationGate(Outbox outbox, ApplicationStates states, DeletionThreshold deletions) {
        this.outbox = outbox;
        this.states = states;
        this.deletions = deletions;
    }

    /**
     * The check before each call of claimed work: an application stopped since the claim (a call in the same claim
     * reached the reserve) gets its items back untried; they wait with the rest of its work.
     *
     * @param work a {@link WriteBatch} or an {@link OutboxItem}
     */
    public boolean admits(Object work) {
        List<OutboxItem> items = work instanceof WriteBatch batch ? batch.items() : List.of((OutboxItem) work);
        if (items.isEmpty() || !states.lastSeenStopped(items.get(0).application())) {
            return true;
        }
        outbox.release(items.stream().map(OutboxItem::id).toList());
        return false;
    }

    /** The provisioning-outbox route's claim. */
    public List<OutboxItem> claimDue(int max) {
        return deletions.admit(outbox.claimDue(max, states.stopped().keySet()));
    }
}
