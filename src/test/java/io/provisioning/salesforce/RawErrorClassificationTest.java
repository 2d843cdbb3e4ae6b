package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.component.salesforce.api.SalesforceException;
import org.junit.jupiter.api.Test;

/** A raw call (rawPayload) keeps Salesforce's error body as the exception's message: its errorCode decides. */
class RawErrorClassificationTest {

    private final SalesforceErrorClassifier classifier = new SalesforceErrorClassifier();

    @Test
    void theErrorCodeOfARawBodyIsUsed() {
        SalesforceFailure limit = classifier.classify(new SalesforceException(
                "Unexpected error: Forbidden. [{\"message\":\"TotalRequests Limit exceeded.\","
                        + "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]",
                403));
        assertEquals("REQUEST_LIMIT_EXCEEDED", limit.errorCode());
        assertEquals("TotalRequests Limit exceeded.", limit.message());
        assertTrue(limit.retryable());

        SalesforceFailure invalid = classifier.classify(new SalesforceException(
                "[{\"message\":\"No such column\",\"errorCode\":\"INVALID_FIELD\",\"fields\":[]}]", 400));
        assertEquals("INVALID_FIELD", invalid.errorCode());
        assertFalse(invalid.retryable());
    }

    @Test
    void aBodyWithoutAnErrorCodeKeepsTheHttpStatus() {
        SalesforceFailure failure = classifier.classify(new SalesforceException("Bad Gateway <html>", 502));
        assertEquals("HTTP_502", failure.errorCode());
        assertTrue(failure.retryable());
    }
}
