package io.provisioning.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.provisioning.cluster.DatabaseClusterService.LeaseTiming;
import io.provisioning.directory.Jobs;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Start-up of an instance next to a live one, on the real database (H2, or PostgreSQL with
 * {@code provisioning.test.db}), through the wiring the bundle uses ({@link ClusterFeature#wire}): the live instance's
 * running import goes on and completes; the imports of instances that are gone (this node's earlier process, an
 * instance whose heartbeat expired, a job from before owners were recorded) are interrupted; and an import of an
 * instance that stops later is interrupted by the others' heartbeat rounds, not before.
 */
class InstanceHeartbeatTest {

    private static final LeaseTiming TIMING = new LeaseTiming(Duration.ofSeconds(2), Duration.ofMillis(200));

    @Test
    void aStartingInstanceInterruptsOnlyTheImportsOfInstancesThatAreGone() throws Exception {
        try (HikariDataSource db = TestEnvironment.create("instance-heartbeat").openDatabase()) {
            ClusterLeases leases = new ClusterLeases(db, Clock.systemUTC());
            Jobs jobsA = new Jobs(db, "node-a");
            CamelContext a = new DefaultCamelContext();
            CamelContext b = new DefaultCamelContext();
            try {
                assertEquals(0, ClusterFeature.wire(a, settings("node-a"), "node-a", db, jobsA));
                a.start();
                Await.until(() -> holder(leases, "instance:node-a"), Optional::isPresent, Duration.ofSeconds(30));
                String running = jobsA.start("import", "salesforce", "instance a's import");

                // left running by instances that are gone
                String earlierB = new Jobs(db, "node-b").start("import", "salesforce", "node b's earlier process");
                leases.acquire("instance:node-dead", "node-dead", Duration.ofMillis(1));
                String dead = new Jobs(db, "node-dead").start("import", "salesforce", "a killed instance");
                String unowned = new Jobs(db, null).start("import", "salesforce", "from before V32");
                Thread.sleep(50); // node-dead's heartbeat lease has expired

                Jobs jobsB = new Jobs(db, "node-b");
                // (instance a's own rounds may interrupt node b's and node-dead's first: they are gone for it too)
                int interrupted = ClusterFeature.wire(b, settings("node-b"), "node-b", db, jobsB); // b starts
                assertTrue(interrupted >= 1 && interrupted <= 3, "interrupted at b's start-up: " + interrupted);
                b.start();
                assertEquals(Jobs.INTERRUPTED, status(jobsB, earlierB));
                assertEquals(Jobs.INTERRUPTED, status(jobsB, dead));
                assertEquals(Jobs.INTERRUPTED, status(jobsB, unowned));
                Thread.sleep(TIMING.lease().toMillis()); // several heartbeat rounds of both instances
                assertEquals(Jobs.RUNNING, status(jobsB, running), "instance a is alive: its import goes on");
                jobsA.finish(running, Jobs.COMPLETED, null);
                assertEquals(Jobs.COMPLETED, status(jobsB, running));

                // instance a stops while a second import runs: b's next rounds interrupt it
                String second = jobsA.start("import", "salesforce", "instance a's second import");
                Thread.sleep(TIMING.renew().toMillis() * 3);
                assertEquals(Jobs.RUNNING, status(jobsB, second), "not while instance a lives");
                a.stop(); // gives its heartbeat lease up
                Await.until(() -> status(jobsB, second), Jobs.INTERRUPTED::equals, Duration.ofSeconds(30));
            } finally {
                b.stop();
                a.stop();
            }
        }
    }

    private static ClusterSettings settings(String node) {
        return new ClusterSettings(TIMING, Optional.of(node));
    }

    private static String status(Jobs jobs, String id) {
        return (String) jobs.view(id).orElseThrow().get("status");
    }

    private static Optional<String> holder(ClusterLeases leases, String namespace) {
        try {
            return leases.holder(namespace);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
