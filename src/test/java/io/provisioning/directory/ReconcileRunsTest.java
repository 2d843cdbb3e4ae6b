package io.provisioning.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.provisioning.testsupport.MemoryDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The reconcile lock on the real migrations (H2, PostgreSQL mode): one run per application, stale locks taken over. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileRunsTest {

    private HikariDataSource dataSource;

    @BeforeAll
    void database() {
        dataSource = MemoryDatabase.migrated("reconcile_runs");
    }

    @AfterAll
    void close() {
        dataSource.close();
    }

    @Test
    void oneRunPerApplicationUntilReleased() {
        ReconcileRuns runs = new ReconcileRuns(dataSource, Duration.ofHours(1));
        ReconcileRuns.Start first = runs.start("crm", "test");
        assertTrue(first.started());
        ReconcileRuns.Start second = runs.start("crm", "test");
        assertFalse(second.started());
        assertEquals(first.jobId(), second.jobId(), "the running job is named");
        assertTrue(runs.start("other", "test").started(), "another application runs beside it");
        runs.release("crm", first.jobId());
        assertTrue(runs.start("crm", "test").started());
    }

    @Test
    void aLockLeftByADeadInstanceIsTakenOverAndItsJobInterrupted() {
        ReconcileRuns stale = new ReconcileRuns(dataSource, Duration.ZERO);
        ReconcileRuns.Start dead = stale.start("left-behind", "test");
        ReconcileRuns.Start next = stale.start("left-behind", "test");
        assertTrue(next.started());
        assertNotEquals(dead.jobId(), next.jobId());
        assertEquals(
                Jobs.INTERRUPTED,
                new Jobs(dataSource, "test").view(dead.jobId()).orElseThrow().get("status"));
    }
}
