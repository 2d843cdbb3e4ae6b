package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.bench.ChaosRun;
import io.provisioning.testsupport.TestEnvironment;
import java.io.File;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's chaos run on the packaged jar: creates from HTTP, a file and the queue, 5 % of calls applied then their
 * answer lost, 2 % refused with 503, the bundle killed with SIGKILL twice. At the end every user has exactly one
 * record per application, linked, and the report rows tell how in-doubt creates were resolved. Needs PostgreSQL
 * (embedded H2 is not crash-safe under SIGKILL), like {@code BulkCrashIT}. The benchmark runs the same with 10,000.
 */
class ChaosIT {

    private static final int USERS = 1_500;

    @Test
    void everyUserEndsWithExactlyOneRecordPerApplicationDespiteLostAnswersAndKills() throws Exception {
        Assumptions.assumeTrue(TestEnvironment.usePostgres(), "needs PostgreSQL (PROVISIONING_TEST_DB_URL)");
        ChaosRun.Figures figures = new ChaosRun(
                        TestEnvironment.create("chaos"),
                        new File("target/salesforce-provisioning.jar").toPath().toAbsolutePath(),
                        USERS)
                .run();
        System.out.println(figures);

        assertEquals(USERS, figures.leads(), "one Lead per user: " + figures);
        assertEquals(USERS, figures.contacts(), "one Contact per user: " + figures);
        assertEquals(0, figures.duplicateLeads() + figures.duplicateContacts(), figures.toString());
        assertEquals(USERS, figures.linkedLeads(), "each user linked to its Lead: " + figures);
        assertEquals(USERS, figures.linkedContacts(), "each user linked to its Contact: " + figures);
        assertEquals(0, figures.failedLinks(), figures.toString());
        assertTrue(figures.lostAnswers() > 0 && figures.refusedCalls() > 0, "the chaos happened: " + figures);
        assertTrue(figures.upserted() > 0, "in-doubt Leads resolved by upsert are reported: " + figures);
        assertTrue(figures.adopted() > 0, "in-doubt Contacts resolved by lookup are reported: " + figures);
        assertTrue(figures.provisionedAtKill().stream().allMatch(n -> n < USERS * 2), "killed mid-way: " + figures);
    }
}
