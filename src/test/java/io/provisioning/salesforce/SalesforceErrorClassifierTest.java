package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.junit.jupiter.api.Test;

class SalesforceErrorClassifierTest {

    private final SalesforceErrorClassifier classifier = new SalesforceErrorClassifier();

    @Test
    void serverErrorsRowLocksAndLimitsAreRetryable() {
        assertRetryable(error(503, "SERVER_UNAVAILABLE"), "SERVER_UNAVAILABLE");
        assertRetryable(error(400, "UNABLE_TO_LOCK_ROW"), "UNABLE_TO_LOCK_ROW");
        assertRetryable(error(403, "REQUEST_LIMIT_EXCEEDED"), "REQUEST_LIMIT_EXCEEDED");
        assertRetryable(
                new SalesforceException("Unexpected error", 0, new TimeoutException("Total timeout 5000 ms elapsed")),
                "TIMEOUT");
        assertRetryable(
                new SalesforceException("Unexpected error", 0, new java.io.EOFException("closed")),
                "CONNECTION_FAILED");
    }

    @Test
    void aDeadlockWhileRecordingTheOutcomeIsRetriedNotFailed() {
        // PostgreSQL's 40P01 while two workers record outcomes: the rollback left the item in doubt, so try again
        assertRetryable(
                new IllegalStateException(
                        "Directory database error", new java.sql.SQLException("deadlock detected", "40P01")),
                "DATABASE_BUSY");
        assertFalse(classifier
                .classify(new IllegalStateException(
                        "Directory database error", new java.sql.SQLException("value too long", "22001")))
                .retryable());
    }

    @Test
    void recordErrorsFailAtOnceWithTheirCodeAndMessage() {
        SalesforceFailure failure =
                classifier.classify(new CamelExecutionException("wrapped", null, error(400, "REQUIRED_FIELD_MISSING")));
        assertFalse(failure.retryable());
        assertEquals("REQUIRED_FIELD_MISSING", failure.errorCode());
        assertEquals("message of REQUIRED_FIELD_MISSING", failure.message());
        assertEquals(400, failure.status());
        assertFalse(classifier.classify(error(400, "DUPLICATE_VALUE")).retryable());
        assertFalse(classifier.classify(new IllegalArgumentException("bug")).retryable());
    }

    @Test
    void backOffDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(2), policy.delayAfter(1));
        assertEquals(Duration.ofSeconds(4), policy.delayAfter(2));
        assertEquals(Duration.ofSeconds(5), policy.delayAfter(3));
        assertFalse(policy.exhausted(3));
        assertTrue(policy.exhausted(4));
    }

    private void assertRetryable(Exception e, String code) {
        SalesforceFailure failure = classifier.classify(e);
        assertTrue(failure.retryable(), failure.toString());
        assertEquals(code, failure.errorCode());
    }

    private static SalesforceException error(int status, String code) {
        return new SalesforceException(List.of(new RestError(code, "message of " + code, List.of())), status);
    }
}
