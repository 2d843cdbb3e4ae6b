package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateMatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheMatchedIdsFromSalesforcesDuplicateResult() throws Exception {
        var error = JSON.readTree("{\"duplicateResult\":{\"allowSave\":true,\"duplicateRule\":\"Std_Rule\","
                + "\"matchResults\":[{\"matchRecords\":[{\"record\":{\"Id\":\"00QA\"}},{\"record\":{\"Id\":\"00QB\"}}]}]},"
                + "\"message\":\"Use one of these records?\",\"errorCode\":\"DUPLICATES_DETECTED\",\"fields\":[]}");
        DuplicateMatch match = DuplicateMatch.fromError(error).orElseThrow();
        assertEquals(new DuplicateMatch("Std_Rule", true, List.of("00QA", "00QB")), match);
        assertEquals("matches existing Lead 00QA, 00QB (duplicate rule Std_Rule)", match.describe("Lead"));
    }

    @Test
    void aCollectionErrorWithoutDetailStillCountsAsADuplicate() throws Exception {
        var error = JSON.readTree("{\"statusCode\":\"DUPLICATES_DETECTED\",\"message\":\"Use one of these records?\"}");
        DuplicateMatch match = DuplicateMatch.fromError(error).orElseThrow();
        assertTrue(match.recordIds().isEmpty());
        assertTrue(DuplicateMatch.fromError(JSON.readTree("{\"statusCode\":\"DUPLICATE_VALUE\"}"))
                .isEmpty());
    }
}
