package io.provisioning.safety;

import io.provisioning.directory.ApplicationStates;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxItem;
import io.provisioning.salesforce.WriteBatch;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The outbox's checks before work goes out (issue 17): nothing of a paused or quarantined application is claimed
 * (its work stays pending where it is), deletions pass the deletion threshold, and each call needs API budget.
 */
public class ApplicationGate {

    private final Outbox outbox;
    private final ApplicationStates states;
    private final DeletionThreshold deletions;
    private final ApiBudget budget;

    public ApplicationGate(Outbox outbox, ApplicationStates states, DeletionThreshold deletions, ApiBudget budget) {
        this.outbox = outbox;
        this.states = states;
        this.deletions = deletions;
        this.budget = budget;
    }

    /**
     * The check before each call of claimed work: an application stopped since the claim (a call of the same claim
     * reached the reserve), or without budget above the reserve for one more call besides those in flight, gets its
     * items back untried; they wait with the rest of its work.
     *
     * @param exchange its body a {@link WriteBatch} or an {@link OutboxItem}
     */
    public boolean admits(Exchange exchange) {
        Object work = exchange.getMessage().getBody();
        List<OutboxItem> items = work instanceof WriteBatch batch ? batch.items() : List.of((OutboxItem) work);
        if (items.isEmpty()) {
            return true;
        }
        String application = items.get(0).application();
        if (!states.lastSeenStopped(application) && budget.admitCall(application)) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    budget.callDone(application);
                }
            });
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
