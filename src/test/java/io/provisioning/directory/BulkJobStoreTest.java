package io.provisioning.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.provisioning.testsupport.MemoryDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk API 2.0 job rows on the real migrations (H2, PostgreSQL mode): what a job may reserve, how result rows find
 * their items, what the outbox's claim leaves to the jobs, and a job's lease.
 */
class BulkJobStoreTest {

    private HikariDataSource dataSource;

    @BeforeEach
    void database() {
        // a database of its own per case: the outbox's claim takes any application's items
        dataSource = MemoryDatabase.migrated(
                "bulk_job_store_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void workGivenBackForCollectionsIsNeverReservedAgainButLeftOversAre() {
        BulkJobStore store = new BulkJobStore(dataSource, Duration.ofMinutes(1));
        List<Long> items = enqueue("given-back", Operation.CREATE.db(), null, 3);
        BulkJobStore.Job job = store.reserve("given-back", Operation.CREATE.db(), null, 10);
        assertEquals(3, job.items());
        assertEquals(Map.of(), store.pending().getOrDefault("given-back", Map.of()), "all reserved");

        assertTrue(store.moveTo(job.id(), BulkJobStore.State.created, "750000000000001AAA", null)); // started
        store.release(List.of(items.get(0)), true); // cannot go into a Bulk job: collections
        store.release(List.of(items.get(1)), false); // did not fit into the upload: the next job
        assertEquals(Map.of(Operation.CREATE.db(), 1L), store.pending().get("given-back"));
        BulkJobStore.Job next = store.reserve("given-back", Operation.CREATE.db(), null, 10);
        assertEquals(List.of(items.get(1)), ids(store.items(next.id(), 0, 10)));

        // the result rows of a job find its waiting items by user; a finished one is neither waiting nor unmatched
        String user = userOf(items.get(1));
        BulkJobStore.Matches matches = store.itemsOfUsers(next.id(), List.of(user, "nobody"));
        assertEquals(items.get(1), matches.waiting().get(user).id());
        assertTrue(matches.finished().isEmpty());
        new Outbox(dataSource, Duration.ofMinutes(1)).complete(items.get(1));
        matches = store.itemsOfUsers(next.id(), List.of(user));
        assertTrue(matches.waiting().isEmpty());
        assertEquals(java.util.Set.of(user), matches.finished());

        assertEquals(1, store.releaseAll(job.id()), "the one still pending in the first job");
        assertNull(store.reserve("given-back", Operation.CREATE.db(), null, 10), "released for collections");
    }

    @Test
    void deletionsAreReservedOnlyOnceTheThresholdAdmittedThem() throws Exception {
        BulkJobStore store = new BulkJobStore(dataSource, Duration.ofMinutes(1));
        List<Long> deletes = enqueue("deleting", Operation.DELETE.db(), null, 2);
        assertNull(store.reserve("deleting", Operation.DELETE.db(), null, 10));
        sql("UPDATE provisioning_outbox SET delete_admitted_at = CURRENT_TIMESTAMP WHERE id = ?", deletes.get(0));
        assertEquals(Map.of(Operation.DELETE.db(), 1L), store.pending().get("deleting"));
        assertEquals(
                1, store.reserve("deleting", Operation.DELETE.db(), null, 10).items());
    }

    @Test
    void theOutboxLeavesTheRowsOfAFileWhoseJobsGatherThemAlone() throws Exception {
        BulkJobStore store = new BulkJobStore(dataSource, Duration.ofMinutes(1));
        Outbox outbox = new Outbox(dataSource, Duration.ofMinutes(1));
        String file = UUID.randomUUID().toString();
        sql(
                "INSERT INTO inbound_file (job_id, file_key, file_name, status, rows_committed, bytes_total,"
                        + " bytes_read, created_at) VALUES (?, ?, 'big.csv', 'reading', 2, 100, 10, CURRENT_TIMESTAMP)",
                file,
                file);
        enqueue("gathering", Operation.CREATE.db(), file, 2);
        assertEquals(List.of(file), store.largeFilesBeingRead(10));
        assertEquals(
                2, store.reserve("gathering", Operation.CREATE.db(), file, 10).items());
        // a chunk committed after this round's reservation, and work of no file
        enqueue("gathering", Operation.CREATE.db(), file, 1);
        List<Long> single = enqueue("gathering", Operation.CREATE.db(), null, 1);
        assertEquals(single, ids(outbox.claimDue(100)), "the file's rows are left for its job");
        assertEquals(
                3, store.reserve("gathering", Operation.CREATE.db(), file, 10).items(), "the late chunk joins it");
        assertEquals(3, store.fileItems(file, Operation.CREATE.db()));
    }

    @Test
    void aSealedJobTakesNoMoreItemsAndTheRestOfItsFileGoesIntoTheNextJob() throws Exception {
        BulkJobStore store = new BulkJobStore(dataSource, Duration.ofMinutes(1));
        Outbox outbox = new Outbox(dataSource, Duration.ofMinutes(1));
        String file = UUID.randomUUID().toString();
        sql(
                "INSERT INTO inbound_file (job_id, file_key, file_name, status, rows_committed, bytes_total,"
                        + " bytes_read, created_at) VALUES (?, ?, 'sealed.csv', 'read', 4, 100, 100, CURRENT_TIMESTAMP)",
                file,
                file);
        enqueue("sealing", Operation.CREATE.db(), file, 2);
        BulkJobStore.Job first = store.reserve("sealing", Operation.CREATE.db(), file, 10);
        assertTrue(store.seal(first.id()));
        assertFalse(store.seal(first.id()), "sealed once");
        // reserved after its CSV began: these would be left out of its upload
        enqueue("sealing", Operation.CREATE.db(), file, 2);
        assertEquals(List.of(file), store.largeFilesBeingRead(1_000_000), "read, but its job still gathers");
        assertEquals(List.of(), ids(outbox.claimDue(100)), "the file's rows stay for its jobs");
        BulkJobStore.Job second = store.reserve("sealing", Operation.CREATE.db(), file, 10);
        assertNotEquals(first.id(), second.id());
        assertEquals(2, second.items());
        assertEquals(2, store.items(first.id(), 0, 10).size(), "the sealed job kept its own items only");
    }

    @Test
    void aLargeFilesFirstChunkIsNotClaimedBeforeAReservationMadeItAJob() throws Exception {
        Outbox outbox = new Outbox(dataSource, Duration.ofMinutes(1));
        String large = UUID.randomUUID().toString();
        String small = UUID.randomUUID().toString();
        // one chunk of 2 rows committed each: the large file's 2 rows are a hundredth of it, the small one's all of it
        for (String[] file : new String[][] {{large, "10000"}, {small, "100"}}) {
            sql(
                    "INSERT INTO inbound_file (job_id, file_key, file_name, status, rows_committed, bytes_total,"
                            + " bytes_read, created_at) VALUES (?, ?, 'f.csv', 'reading', 2, " + file[1]
                            + ", 100, CURRENT_TIMESTAMP)",
                    file[0],
                    file[0]);
        }
        List<Long> largeRows = enqueue("first-chunk", Operation.CREATE.db(), large, 2);
        List<Long> smallRows = enqueue("first-chunk", Operation.CREATE.db(), small, 2);
        List<Long> otherApplication = enqueue("no-bulk", Operation.CREATE.db(), large, 1);
        List<Long> apiWork = enqueue("first-chunk", Operation.CREATE.db(), null, 1);
        // the reservation of this round looked before the chunks committed: no job for either file yet
        outbox.gatherLargeFiles(java.util.Set.of("first-chunk"), 20);

        List<Long> claimed = ids(outbox.claimDue(100));
        assertTrue(claimed.containsAll(smallRows), "a file of about 2 rows goes as it is read");
        assertTrue(claimed.containsAll(otherApplication), "an application without Bulk API is not held back");
        assertTrue(claimed.containsAll(apiWork), "work of no file is not held back");
        assertTrue(largeRows.stream().noneMatch(claimed::contains), "about 200 rows: left for its Bulk jobs");
    }

    @Test
    void anInstanceWhoseJobWasTakenOverCannotMoveItOn() throws Exception {
        BulkJobStore dead = new BulkJobStore(dataSource, Duration.ZERO);
        enqueue("taken-over", Operation.CREATE.db(), null, 1);
        BulkJobStore.Job job = dead.reserve("taken-over", Operation.CREATE.db(), null, 10);
        Thread.sleep(5); // its lease of no time has run out
        BulkJobStore next = new BulkJobStore(dataSource, Duration.ofMinutes(1));
        assertTrue(next.claimUnfinished().stream().anyMatch(j -> j.id().equals(job.id())));
        assertFalse(dead.moveTo(job.id(), BulkJobStore.State.created, "750000000000001AAA", null));
        assertTrue(next.moveTo(job.id(), BulkJobStore.State.created, "750000000000002AAA", null));
        assertFalse(dead.holds(job.id()));
    }

    private List<Long> enqueue(String application, String operation, String fileJob, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(Jdbc.inTransaction(dataSource, connection -> {
                try (PreparedStatement insert = connection.prepareStatement(Outbox.INSERT, new String[] {"id"})) {
                    Outbox.bindInsert(
                            insert,
                            UUID.randomUUID().toString(),
                            application,
                            Operation.of(operation),
                            "test",
                            UserDirectory.now().minusSeconds(1),
                            fileJob);
                    insert.executeUpdate();
                    try (var keys = insert.getGeneratedKeys()) {
                        keys.next();
                        return keys.getLong(1);
                    }
                }
            }));
        }
        return ids;
    }

    private String userOf(long itemId) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT user_id FROM provisioning_outbox WHERE id = ?")) {
                select.setLong(1, itemId);
                try (var rows = select.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        });
    }

    private void sql(String statement, Object... args) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                update.setObject(i + 1, args[i]);
            }
            update.executeUpdate();
        }
    }

    private static List<Long> ids(List<OutboxItem> items) {
        return items.stream().map(OutboxItem::id).toList();
    }
}
