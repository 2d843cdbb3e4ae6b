package io.provisioning.safety;

import io.provisioning.salesforce.SalesforceFailure;
import io.provisioning.salesforce.WriteOutcomeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every write's outcome tells the protections: the API budget (limit reached) and the quarantine watch. The
 * watch's own failures (its database unreachable) are logged, never thrown: the outcome is heard before the item is
 * recorded, and a throw there would leave the item claimed, neither done nor failed, until its lease runs out.
 */
final class SafetyOutcomes implements WriteOutcomeListener {

    private static final Logger LOG = LoggerFactory.getLogger(SafetyOutcomes.class);

    private final ApiBudget budget;
    private final QuarantineWatch quarantine;

    SafetyOutcomes(ApiBudget budget, QuarantineWatch quarantine) {
        this.budget = budget;
        this.quarantine = quarantine;
    }

    @Override
    public boolean stopsApplication(String application, SalesforceFailure failure) {
        return budget.limitExceeded(application, failure);
    }

    @Override
    public void succeeded(String application, int items) {
        try {
            quarantine.succeeded(application, items);
        } catch (RuntimeException e) {
            LOG.warn("Quarantine watch of {} missed {} success(es): {}", application, items, e.getMessage());
        }
    }

    @Override
    public void failedPermanently(String application, SalesforceFailure failure) {
        try {
            quarantine.failedPermanently(application, failure.errorCode() + ": " + failure.message());
        } catch (RuntimeException e) {
            LOG.warn("Quarantine watch of {} missed a permanent failure: {}", application, e.getMessage());
        }
    }
}
