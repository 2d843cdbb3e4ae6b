package io.provisioning.drift;

import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.time.Duration;

/**
 * The {@code provisioning.reconcile.*} settings the reconcile beans use (the schedule's are read by its route):
 * ids per sObject Collections retrieve, and how old a run's lock must be before another instance takes it over.
 */
public record ReconcileSettings(int batchSize, Duration staleLockAfter) {

    public static ReconcileSettings read(Settings settings) {
        int batchSize = settings.getPositiveInt("provisioning.reconcile.batch-size");
        if (batchSize > Reconciler.MAX_BATCH) {
            throw new InvalidSettingException(
                    "provisioning.reconcile.batch-size",
                    "is " + batchSize + "; one sObject Collections retrieve takes at most " + Reconciler.MAX_BATCH
                            + " ids");
        }
        return new ReconcileSettings(
                batchSize, Duration.ofMinutes(settings.getLong("provisioning.reconcile.lock-minutes")));
    }
}
