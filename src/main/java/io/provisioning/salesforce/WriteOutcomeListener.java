package io.provisioning.salesforce;

/**
 * Hears the outcome of every Salesforce write as {@link OutcomeRecorder} records it (issue 17: the API budget and
 * the quarantine watch). Called on the outbox workers' threads.
 */
public interface WriteOutcomeListener {

    /**
     * @return true when this failure stopped the application's writes (e.g. its daily API requests are used up):
     *     the item then waits, untried, instead of being retried or failed
     */
    boolean stopsApplication(String application, SalesforceFailure failure);

    void succeeded(String application, int items);

    /** A write refused for good by Salesforce or by the plan (not a transient failure that ran out of retries). */
    void failedPermanently(String application, SalesforceFailure failure);

    WriteOutcomeListener NONE = new WriteOutcomeListener() {
        @Override
        public boolean stopsApplication(String application, SalesforceFailure failure) {
            return false;
        }

        @Override
        public void succeeded(String application, int items) {}

        @Override
        public void failedPermanently(String application, SalesforceFailure failure) {}
    };
}
