package io.provisioning.safety;

import io.provisioning.salesforce.SalesforceFailure;
import io.provisioning.salesforce.WriteOutcomeListener;

/** What every write's outcome tells the protections: the API budget (limit reached) and the quarantine watch. */
final class SafetyOutcomes implements WriteOutcomeListener {

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
        quarantine.succeeded(application, items);
    }

    @Override
    public void failedPermanently(String application, SalesforceFailure failure) {
        quarantine.failedPermanently(application, failure.errorCode() + ": " + failure.message());
    }
}
