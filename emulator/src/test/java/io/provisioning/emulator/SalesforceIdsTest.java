package io.provisioning.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SalesforceIdsTest {
    @Test
    void checksumMatchesTheReferenceExamples() {
        assertEquals("00558000001N0KeAAK", SalesforceIds.to18("00558000001N0Ke"));
        assertEquals("001xx000003DGb2AAG", SalesforceIds.to18("001xx000003DGb2"));
    }

    @Test
    void normalizeAcceptsValidIdsAndRejectsOthers() {
        assertEquals("001xx000003DGb2AAG", SalesforceIds.normalize("001xx000003DGb2"));
        assertEquals("001xx000003DGb2AAG", SalesforceIds.normalize("001xx000003DGb2AAG"));
        assertNull(SalesforceIds.normalize("001xx000003DGb2AAB"));
        assertNull(SalesforceIds.normalize("AAA"));
        assertNull(SalesforceIds.normalize("123123"));
        assertNull(SalesforceIds.normalize("001xx000003DGb!"));
    }

    @Test
    void generatedIdsHaveThePrefixAndAValidChecksumAndResumeAfterObserve() {
        IdGenerator ids = new IdGenerator();
        String a = ids.next("00Q");
        String b = ids.next("00Q");
        assertTrue(a.startsWith("00Q"));
        assertEquals(18, a.length());
        assertEquals(a, SalesforceIds.normalize(a));
        assertNotEquals(a, b);
        IdGenerator fresh = new IdGenerator();
        fresh.observe(b);
        assertTrue(fresh.next("00Q").compareTo(b) > 0);
    }
}
