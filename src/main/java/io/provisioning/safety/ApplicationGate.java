package io.provisioning.safety;

import io.provisioning.directory.ApplicationStates;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxItem;
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

    /** The provisioning-outbox route's claim. */
    public List<OutboxItem> claimDue(int max) {
        return deletions.admit(outbox.claimDue(max, states.stopped().keySet()));
    }
}
