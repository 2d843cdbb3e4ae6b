package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.bench.ClusterChaosRun;
import io.provisioning.testsupport.JvmProcesses;
import io.provisioning.testsupport.TestEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's chaos test: three bundle JVMs on one PostgreSQL, one standalone Artemis and one standalone emulated org;
 * a 30,000-row file in the shared inbox, 3,000 queue messages and 300 HTTP creates at once; the broker killed and
 * restarted, one instance killed with SIGKILL and restarted. Afterwards every user is in Salesforce once, every
 * message applied once, the reports add up, nothing is left claimed and the file has one result file. Needs PostgreSQL
 * (PROVISIONING_TEST_DB_URL), as {@code ChaosIT}.
 */
class ClusterChaosIT {

    private static final ClusterChaosRun.Work WORK = new ClusterChaosRun.Work(30_000, 3_000, 300);

    @Test
    void threeInstancesApplyAllWorkOnceThroughAnInstanceKillAndABrokerRestart() throws Exception {
        Assumptions.assumeTrue(TestEnvironment.usePostgres(), "needs PostgreSQL (PROVISIONING_TEST_DB_URL)");
        TestEnvironment.clearSystemProperties();
        ClusterChaosRun.Figures f =
                new ClusterChaosRun(TestEnvironment.create("cluster-chaos"), JvmProcesses.BUNDLE_JAR, WORK).run();
        System.out.println("ClusterChaosIT: " + f);
        int users = WORK.users();

        // every user exactly once in Salesforce, linked to its record
        assertEquals(users, f.leads(), "one Lead per user: " + f);
        assertEquals(0, f.duplicateLeads(), f.toString());
        assertEquals(users, f.linkedLeads(), "each user linked to its Lead: " + f);
        assertEquals(0, f.notProvisioned(), f.toString());
        assertEquals(users, f.createItems(), "one create enqueued per user: " + f);
        // every queue message applied exactly once, none left or dead-lettered
        assertEquals(WORK.queueMessages(), f.queueUsers(), f.toString());
        assertEquals(WORK.queueMessages(), f.processedRequests(), "one request key per message: " + f);
        assertEquals(0, f.queueLeft() + f.deadLetters(), f.toString());
        // the report adds up: one success row per user, the file job's totals are the file's
        assertEquals(users, f.successReports(), "one create report row per user: " + f);
        assertEquals(users, f.usersReported(), f.toString());
        assertEquals(0, f.failureReports(), f.toString());
        long rows = WORK.fileRows();
        assertEquals(
                Map.of("read", rows, "created", rows, "provisioned", rows, "provisioningFailed", 0L, "invalid", 0L),
                f.fileJob(),
                f.toString());
        assertEquals(1, f.fileJobReports(), "one report row for the file: " + f);
        // nothing left claimed; one result file, with every row; the file moved out of the inbox
        assertEquals(0, f.claimedItems(), f.toString());
        assertEquals(List.of("cluster-chaos.csv.result.csv"), f.resultFiles(), f.toString());
        assertEquals(WORK.fileRows(), f.resultRows(), f.toString());
        assertEquals(List.of(), f.inboxLeft(), f.toString());
        // the chaos happened mid-way
        assertTrue(f.queueAppliedAtBrokerKill() < WORK.queueMessages(), "broker killed mid-queue: " + f);
        assertTrue(f.provisionedAtKill() < users, "instance killed mid-way: " + f);
    }
}
