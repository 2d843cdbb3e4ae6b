package io.provisioning.salesforce;

/**
 * A Salesforce call that failed, classified: {@code retryable} failures (server busy, timeouts, row locks, limits)
 * are tried again later; the others (the record itself is wrong) fail at once.
 */
public record SalesforceFailure(boolean retryable, int status, String errorCode, String message, boolean loginFailed) {

    public SalesforceFailure(boolean retryable, int status, String errorCode, String message) {
        this(retryable, status, errorCode, message, false);
    }

    /** The record is gone from Salesforce (deleted behind the bundle's back, or never there). */
    public boolean recordGone() {
        return "NOT_FOUND".equals(errorCode) || "ENTITY_IS_DELETED".equals(errorCode);
    }
}
