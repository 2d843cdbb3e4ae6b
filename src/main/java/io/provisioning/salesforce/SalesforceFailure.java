package io.provisioning.salesforce;

/**
 * A Salesforce call that failed, classified: {@code retryable} failures (server busy, timeouts, row locks, limits)
 * are tried again later; the others (the record itself is wrong) fail at once.
 */
public record SalesforceFailure(boolean retryable, int status, String errorCode, String message) {
}
