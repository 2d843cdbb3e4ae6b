package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InDoubtResolverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INTEGRATION = "005000000000001AAA";
    private static final List<String> MATCH = List.of("Email", "LastName");
    private static final InDoubtResolver.Item ADA = new InDoubtResolver.Item(
            1, "user-ada", Map.of("Email", "ada@example.com", "LastName", "Lovelace", "Company", "AE"));
    private static final InDoubtResolver.Item BOB = new InDoubtResolver.Item(
            2, "user-bob", Map.of("Email", "bob@example.com", "LastName", "Babbage", "Company", "AE"));

    @Test
    void theOneRecordFoundIsAdoptedWithTheValuesItHolds() throws Exception {
        JsonNode records = records(
                """
                [{"Id":"00Q000000000001AAA","CreatedById":"005000000000001","Email":"ADA@example.com","LastName":"Lovelace","Company":"Old"}]""");
        var resolutions = InDoubtResolver.resolve(List.of(ADA, BOB), records, MATCH, INTEGRATION, Map.of());
        InDoubtResolver.Resolution ada = resolutions.get(1L);
        assertEquals(InDoubtResolver.Kind.ADOPT, ada.kind());
        assertEquals("00Q000000000001AAA", ada.recordId());
        assertEquals(
                Map.of("Email", "ADA@example.com", "LastName", "Lovelace", "Company", "Old"),
                ada.synced(),
                "what the record holds, so a later edit sends what differs");
        assertEquals(
                InDoubtResolver.Kind.CREATE, resolutions.get(2L).kind(), "nothing found: the attempt was not applied");
    }

    @Test
    void twoCandidatesAreAmbiguousAndNameTheirIds() throws Exception {
        JsonNode records = records(
                """
                [{"Id":"00Q000000000001AAA","CreatedById":"%1$s","Email":"ada@example.com","LastName":"Lovelace"},
                 {"Id":"00Q000000000002AAA","CreatedById":"%1$s","Email":"ada@example.com","LastName":"LOVELACE"}]"""
                        .formatted(INTEGRATION));
        InDoubtResolver.Resolution ada = InDoubtResolver.resolve(List.of(ADA), records, MATCH, INTEGRATION, Map.of())
                .get(1L);
        assertEquals(InDoubtResolver.Kind.AMBIGUOUS, ada.kind());
        assertNull(ada.recordId());
        SalesforceFailure failure = ada.failure();
        assertEquals("AMBIGUOUS_MATCH", failure.errorCode());
        assertTrue(
                !failure.retryable() && failure.message().contains("00Q000000000001AAA, 00Q000000000002AAA"),
                failure.message());
    }

    @Test
    void oneRecordMatchingTwoItemsOfTheBatchIsAmbiguousForBoth() throws Exception {
        InDoubtResolver.Item twin = new InDoubtResolver.Item(3, "user-twin", ADA.body());
        JsonNode records = records(
                """
                [{"Id":"00Q000000000001AAA","CreatedById":"%s","Email":"ada@example.com","LastName":"Lovelace"}]"""
                        .formatted(INTEGRATION));
        var resolutions = InDoubtResolver.resolve(List.of(ADA, twin), records, MATCH, INTEGRATION, Map.of());
        assertEquals(InDoubtResolver.Kind.AMBIGUOUS, resolutions.get(1L).kind());
        assertEquals(InDoubtResolver.Kind.AMBIGUOUS, resolutions.get(3L).kind());
    }

    @Test
    void recordsOfOtherCreatorsOtherUsersOrOtherValuesAreNotCandidates() throws Exception {
        JsonNode records = records(
                """
                [{"Id":"00Q000000000001AAA","CreatedById":"005000000000099AAA","Email":"ada@example.com","LastName":"Lovelace"},
                 {"Id":"00Q000000000002AAA","CreatedById":"%1$s","Email":"ada@example.com","LastName":"Lovelace"},
                 {"Id":"00Q000000000003AAA","CreatedById":"%1$s","Email":"ada@example.com","LastName":"Byron"}]"""
                        .formatted(INTEGRATION));
        var resolutions = InDoubtResolver.resolve(
                List.of(ADA), records, MATCH, INTEGRATION, Map.of("00Q000000000002AAA", "someone-else"));
        assertEquals(InDoubtResolver.Kind.CREATE, resolutions.get(1L).kind());
        // its own link to the record does not hide it
        assertEquals(
                InDoubtResolver.Kind.ADOPT,
                InDoubtResolver.resolve(
                                List.of(ADA), records, MATCH, INTEGRATION, Map.of("00Q000000000002AAA", "user-ada"))
                        .get(1L)
                        .kind());
    }

    @Test
    void theIntegrationUserIsReadFromTheIdentityUrl() {
        assertEquals(
                "005x00000012Q9P",
                InDoubtResolver.userIdFromIdentityUrl(
                        "https://login.salesforce.com/id/00Dx0000000BV7z/005x00000012Q9P"));
        assertNull(InDoubtResolver.userIdFromIdentityUrl(null));
    }

    private static JsonNode records(String json) throws Exception {
        return JSON.readTree(json);
    }
}
