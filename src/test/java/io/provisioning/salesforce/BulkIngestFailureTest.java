package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A failedResults row's {@code sf__Error} read as a REST error: code, message, retryable or not. */
class BulkIngestFailureTest {

    @Test
    void codeMessageAndFieldsAreSplitAndTheJobIsNamed() {
        SalesforceFailure failure = BulkIngestResults.failure(
                "REQUIRED_FIELD_MISSING:Required fields are missing: [Company]:Company --", "750Em0000000001IAA");
        assertEquals("REQUIRED_FIELD_MISSING", failure.errorCode());
        assertEquals("Required fields are missing: [Company] (Bulk API 2.0 job 750Em0000000001IAA)", failure.message());
        assertFalse(failure.retryable());
    }

    @Test
    void aRowLockIsRetriedAndAnUnreadableErrorIsStillReported() {
        assertTrue(BulkIngestResults.failure("UNABLE_TO_LOCK_ROW:unable to obtain exclusive access:--", "750x")
                .retryable());
        SalesforceFailure odd = BulkIngestResults.failure("something went wrong", "750x");
        assertEquals("UNKNOWN_ERROR", odd.errorCode());
        assertTrue(odd.message().startsWith("something went wrong"), odd.message());
    }
}
