package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.provisioning.directory.LinkState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What salesforce-write's choice does next for each kind of plan and in-doubt resolution. */
class WriteAttemptTest {

    @Test
    void aPlanWithACallIsMadeWithItsCamelSalesforceOperation() {
        assertEquals(
                WriteAttempt.Next.CALL,
                planned(WritePlan.create(Map.of("LastName", "A"))).next());
        assertEquals("createSObject", planned(WritePlan.create(Map.of())).operation());
        assertEquals("upsertSObject", planned(WritePlan.upsert(Map.of())).operation());
        assertEquals(
                "updateSObject",
                planned(WritePlan.update("001", Map.of(), Map.of())).operation());
        assertEquals("deleteSObject", planned(WritePlan.delete("001")).operation());
    }

    @Test
    void noCallIsASkipAndAUserDeactivationHasItsOwnRoute() {
        WriteAttempt skip = planned(WritePlan.skip("switched off", LinkState.SKIPPED));
        assertEquals(WriteAttempt.Next.SKIP, skip.next());
        assertNull(skip.operation());
        assertEquals(
                WriteAttempt.Next.SKIP,
                planned(WritePlan.refused("REQUIRED_FIELD_MISSING", "x")).next());
        assertEquals(
                WriteAttempt.Next.DEACTIVATE_USER,
                planned(WritePlan.deactivateUser("005")).next());
    }

    @Test
    void anInDoubtCreateIsAdoptedRefusedOrSentAsTheLookupResolvedIt() {
        WriteAttempt adopted = planned(WritePlan.create(Map.of()));
        adopted.resolved(new InDoubtResolver.Resolution(InDoubtResolver.Kind.ADOPT, "00Q1", List.of(), Map.of()));
        assertEquals(WriteAttempt.Next.ADOPT, adopted.next());

        WriteAttempt ambiguous = planned(WritePlan.create(Map.of()));
        ambiguous.resolved(
                new InDoubtResolver.Resolution(InDoubtResolver.Kind.AMBIGUOUS, null, List.of("00Q1", "00Q2"), null));
        assertEquals(WriteAttempt.Next.AMBIGUOUS, ambiguous.next());

        WriteAttempt sent = planned(WritePlan.create(Map.of()));
        sent.resolved(InDoubtResolver.Resolution.create());
        assertEquals(WriteAttempt.Next.CALL, sent.next());
    }

    private static WriteAttempt planned(WritePlan plan) {
        WriteAttempt attempt = new WriteAttempt(null, null, null);
        attempt.planned(plan);
        return attempt;
    }
}
