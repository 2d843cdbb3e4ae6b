package io.provisioning.directory;

import io.provisioning.support.Correlation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of provisioning work. Items are written in the same transaction as the directory change
 * that causes them, and claimed with a lease, so that several instances share the work and an item whose worker
 * died is picked up again once its lease runs out.
 */
public class Outbox {

    /** The columns {@link OutboxItem#read} maps, in its order. */
    static final String COLUMNS = "id, user_id, application, operation, source, attempts, job_id, created_at,"
            + " correlation_id, sent_at, retry_of";

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /**
     * Where an outcome may be recorded: the item is still pending and this instance holds its claim, or it belongs
     * to a Bulk API 2.0 job (V20), whose own claim (bulk_ingest_job) decides who finishes it (even an item discarded
     * by an abort is done when the job's results say Salesforce applied it).
     */
    private static final String HELD = " AND ((status = ? AND claimed_by = ?) OR bulk_job IS NOT NULL)";

    private final DataSource dataSource;
    private final String instanceId = UUID.randomUUID().toString();
    private final Duration lease;
    private volatile OffsetDateTime leasesRenewedAt = OffsetDateTime.MIN;
    /**
     * Items claimed by this instance and not finished, put back or given up yet: the leases renewed. Keyed by id, with
     * the claim (the item object claimDue handed out): an item put back may be claimed again by a later round while
     * its earlier worker is still finishing, and only the earlier claim may be forgotten then.
     */
    private final Map<Long, OutboxItem> working = new ConcurrentHashMap<>();

    private final OutboxSignal signal;
    private final Runnable wake;

    public Outbox(DataSource dataSource, Duration lease) {
        this(dataSource, lease, new OutboxSignal());
    }

    public Outbox(DataSource dataSource, Duration lease, OutboxSignal signal) {
        this.dataSource = dataSource;
        this.lease = lease;
        this.signal = signal;
        this.wake = signal::wake;
    }

    /** The applications whose large files Bulk API jobs gather, and the smallest of their thresholds (issue 18). */
    private record LargeFiles(java.util.Set<String> applications, long threshold) {}

    private volatile LargeFiles largeFiles = new LargeFiles(java.util.Set.of(), 0);

    /**
     * Set by the Bulk API reservation each round, before the claim: rows of a file being read whose size estimate
     * exceeds {@code threshold} are not claimed for these applications, so even a chunk committed after the
     * reservation looked stays for the file's Bulk jobs instead of going through collections.
     */
    public void gatherLargeFiles(java.util.Set<String> applications, long threshold) {
        largeFiles = new LargeFiles(java.util.Set.copyOf(applications), threshold);
    }

    /** The signal this outbox raises when a transaction that added work commits. */
    public OutboxSignal signal() {
        return signal;
    }

    /**
     * Waits up to {@code maxMillis} (the poll interval) for work committed by this instance, so that it is claimed
     * at once; work of other instances is found when the wait runs out.
     */
    public void awaitWork(long maxMillis) throws InterruptedException {
        signal.awaitWork(maxMillis);
    }

    /** Wakes the poller once the caller's transaction, which added work, commits. */
    void wakeAfterCommit() {
        Jdbc.afterCommit(wake);
    }

    void enqueue(
            Connection connection,
            String userId,
            String application,
            Operation operation,
            String source,
            OffsetDateTime now)
            throws SQLException {
        enqueue(connection, userId, application, operation, source, now, null);
    }

    void enqueue(
            Connection connection,
            String userId,
            String application,
            Operation operation,
            String source,
            OffsetDateTime now,
            String jobId)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bindInsert(insert, userId, application, operation, source, now, jobId);
            insert.executeUpdate();
        }
        wakeAfterCommit();
    }

    static final String INSERT = "INSERT INTO provisioning_outbox (user_id, application, operation, source, status,"
            + " attempts, next_attempt_at, created_at, job_id, correlation_id) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)";

    static void bindInsert(
            PreparedStatement insert,
            String userId,
            String application,
            Operation operation,
            String source,
            OffsetDateTime now,
            String jobId)
            throws SQLException {
        insert.setString(1, userId);
        insert.setString(2, application);
        insert.setString(3, operation.db());
        insert.setString(4, UserDirectory.truncate(source, 512));
        insert.setString(5, OutboxStatus.PENDING.db());
        insert.setObject(6, now);
        insert.setObject(7, now);
        insert.setString(8, jobId);
        // the request taken in on this thread, if any (HTTP, JMS); file rows are correlated by their source
        insert.setString(9, Correlation.current());
    }

    /** Claims up to {@code max} due items for this instance. An item is claimed by one instance at a time. */
    public List<OutboxItem> claimDue(int max) {
        return claimDue(max, java.util.Set.of());
    }

    /**
     * Claims up to {@code max} due items, none of the {@code stopped} applications (paused or quarantined: their
     * work waits where it is, issue 17).
     */
    public List<OutboxItem> claimDue(int max, java.util.Set<String> stopped) {
        OffsetDateTime now = UserDirectory.now();
        String notStopped = stopped.isEmpty()
                ? ""
                : " AND application NOT IN (" + String.join(", ", java.util.Collections.nCopies(stopped.size(), "?"))
                        + ")";
        LargeFiles large = largeFiles;
        // rows of a file being read that will bring more than a Bulk application's threshold (the size estimate of
        // BulkJobStore.largeFilesBeingRead) are left for Bulk jobs
        String largeFileRows = large.applications().isEmpty()
                ? ""
                : " AND NOT (job_id IS NOT NULL AND application IN ("
                        + String.join(
                                ", ",
                                java.util.Collections.nCopies(
                                        large.applications().size(), "?"))
                        + ") AND job_id IN (SELECT f.job_id FROM inbound_file f WHERE f.status = '"
                        + InboundFiles.READING + "' AND f.rows_committed * f.bytes_total > ? * f.bytes_read))";
        List<OutboxItem> due = Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM provisioning_outbox"
                    + " o WHERE status = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)"
                    // items reserved for a Bulk API 2.0 job (V20) are that job's until it gives them back
                    + " AND bulk_job IS NULL"
                    // and so is the rest of a file whose rows Bulk jobs gather (while it is read, or a job of it
                    // waits to start): a chunk committed between a round's reservation and its claim stays for them
                    + " AND (job_id IS NULL OR job_id NOT IN (SELECT b.file_job_id FROM bulk_ingest_job b"
                    + " WHERE b.file_job_id IS NOT NULL AND (b.state IN ('reserved', 'building') OR b.file_job_id IN"
                    + " (SELECT f.job_id FROM inbound_file f WHERE f.status = '" + InboundFiles.READING + "'))))"
                    // one user's work in one application is applied in the order it was accepted
                    + " AND NOT EXISTS (SELECT 1 FROM provisioning_outbox e WHERE e.user_id = o.user_id"
                    + " AND e.application = o.application AND e.status = o.status AND e.id < o.id)"
                    + notStopped
                    + largeFileRows
                    + " ORDER BY id FETCH FIRST " + max + " ROWS ONLY")) {
                select.setString(1, OutboxStatus.PENDING.db());
                select.setObject(2, now);
                select.setObject(3, now);
                int parameter = 4;
                for (String application : stopped) {
                    select.setString(parameter++, application);
                }
                for (String application : large.applications()) {
                    select.setString(parameter++, application);
                }
                if (!large.applications().isEmpty()) {
                    select.setLong(parameter, large.threshold());
                }
                List<OutboxItem> items = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(OutboxItem.read(rows));
                    }
                }
                return items;
            }
        });
        if (due.isEmpty()) {
            return due;
        }
        // Conditional update per item: only the instance whose update matches the unclaimed row gets it.
        List<OutboxItem> claimedItems = Jdbc.inTransaction(dataSource, connection -> {
            List<OutboxItem> claimed = new ArrayList<>();
            try (PreparedStatement claim = connection.prepareStatement(
                    "UPDATE provisioning_outbox SET claimed_by = ?, claimed_until = ?, claimed_at = ? WHERE id = ?"
                            + " AND status = ? AND (claimed_until IS NULL OR claimed_until < ?)")) {
                for (OutboxItem item : due) {
                    claim.setString(1, instanceId);
                    claim.setObject(2, now.plus(lease));
                    claim.setObject(3, now);
                    claim.setLong(4, item.id());
                    claim.setString(5, OutboxStatus.PENDING.db());
                    claim.setObject(6, now);
                    claim.addBatch();
                }
                int[] counts = claim.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 1) {
                        claimed.add(due.get(i));
                    }
                }
            }
            return claimed;
        });
        claimedItems.forEach(item -> working.put(item.id(), item));
        return claimedItems;
    }

    /**
     * Records, before a create goes out, that it is being sent (keeping the time of the first attempt in doubt), so
     * that a bundle that dies before recording the answer, or never gets one, knows the create may have been applied.
     * Retries keep the mark; only finishing the item clears it.
     */
    public void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provisioning_outbox SET sent_at = COALESCE(sent_at, ?) WHERE id = ?")) {
                OffsetDateTime now = UserDirectory.now();
                for (long id : ids) {
                    update.setObject(1, now);
                    update.setLong(2, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    /**
     * Extends the lease of the items this instance is still working on, at most every quarter lease. Called by its own
     * timer (route {@code provisioning-outbox-leases}), not by the poll round: a round waits for its calls, so a call
     * slower than the lease would otherwise let another instance claim its item and send it a second time. A dead
     * instance renews nothing, so its items are taken over once their lease runs out; a live one keeps an item until
     * it records the outcome, puts it back, or its worker ends without one ({@link #workDone}).
     */
    public void renewLeases() {
        OffsetDateTime now = UserDirectory.now();
        if (working.isEmpty() || now.isBefore(leasesRenewedAt.plus(lease.dividedBy(4)))) {
            return;
        }
        leasesRenewedAt = now;
        // one short transaction per item: a multi-row update would take row locks in scan order and deadlock with
        // workers recording outcomes of several items in theirs
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE provisioning_outbox SET claimed_until = ? WHERE id = ? AND status = ? AND claimed_by = ?")) {
            connection.setAutoCommit(true);
            for (OutboxItem claim : List.copyOf(working.values())) {
                long id = claim.id();
                update.setObject(1, now.plus(lease));
                update.setLong(2, id);
                update.setString(3, OutboxStatus.PENDING.db());
                update.setString(4, instanceId);
                if (update.executeUpdate() == 0) {
                    forget(claim); // finished meanwhile, or taken over after a lapse: nothing to keep
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Directory database error: " + e.getMessage(), e);
        }
    }

    /**
     * A worker is done with its items (route {@code provisioning-outbox}, after the call and its outcome, whichever way
     * it ended): those still counted as worked on were left without an outcome (e.g. recording it failed). Their lease
     * is no longer renewed, so they are retried once it runs out, by any instance (in doubt if a create was sent), not
     * at once in a loop.
     */
    public void workDone(List<OutboxItem> items) {
        List<Long> left =
                items.stream().filter(this::forget).map(OutboxItem::id).toList();
        if (!left.isEmpty()) {
            LOG.warn("Outbox item(s) {} left without an outcome; retried once their lease runs out", left);
        }
    }

    /** Whether this instance counts the item as its own work (claimed, not finished, put back or given up). */
    public boolean working(long id) {
        return working.containsKey(id);
    }

    /** Forgets this claim of its item (not a later one); @return whether it was still counted as worked on */
    private boolean forget(OutboxItem claim) {
        boolean[] forgotten = {false};
        working.computeIfPresent(claim.id(), (id, held) -> {
            forgotten[0] = held == claim;
            return forgotten[0] ? null : held;
        });
        return forgotten[0];
    }

    /**
     * An outcome reached an item this instance no longer holds: its lease ran out and another instance took it (and
     * may have finished it). Thrown inside the outcome's transaction, which then rolls back: the new owner records the
     * item's outcome, once.
     */
    public static final class LeaseLost extends RuntimeException {
        private final transient List<Long> ids;

        LeaseLost(List<Long> ids) {
            super("outbox item(s) " + ids + " no longer held by this instance");
            this.ids = List.copyOf(ids);
        }

        public List<Long> ids() {
            return ids;
        }
    }

    /** Runs an outcome's writes in one transaction of the outbox's database. */
    public <T> T inTransaction(Jdbc.Work<T> work) {
        return Jdbc.inTransaction(dataSource, work);
    }

    /** @return false when this instance no longer held the item (nothing written, see {@link LeaseLost}) */
    public boolean complete(long id) {
        return alone(connection -> {
            completeHeld(connection, List.of(id));
            return null;
        });
    }

    /**
     * Completes many items inside the caller's transaction, unchecked: the caller holds them by other means.
     * Outcomes of this instance's work go through {@link #completeHeld}.
     */
    static void complete(Connection connection, List<Long> ids) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE provisioning_outbox SET status = ?, attempts = attempts + 1, completed_at = ?,"
                        + " claimed_by = NULL, claimed_until = NULL, last_error = NULL, sent_at = NULL WHERE id = ?")) {
            OffsetDateTime now = UserDirectory.now();
            for (long id : ids) {
                update.setString(1, OutboxStatus.DONE.db());
                update.setObject(2, now);
                update.setLong(3, id);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * Completes items inside the caller's transaction, where this instance still holds them.
     *
     * @throws LeaseLost naming the items it no longer holds; the caller's transaction must then roll back
     */
    public void completeHeld(Connection connection, List<Long> ids) throws SQLException {
        OffsetDateTime now = UserDirectory.now();
        end(connection, ids, FINISH, update -> {
            update.setString(1, OutboxStatus.DONE.db());
            update.setObject(2, now);
            update.setString(3, null);
        });
    }

    /** Fails the item for good inside the caller's transaction; @throws LeaseLost as {@link #completeHeld} */
    public void failHeld(Connection connection, long id, String error) throws SQLException {
        OffsetDateTime now = UserDirectory.now();
        end(connection, List.of(id), FINISH, update -> {
            update.setString(1, OutboxStatus.FAILED.db());
            update.setObject(2, now);
            update.setString(3, UserDirectory.truncate(error, 2000));
        });
    }

    /**
     * Puts the item back for another attempt after {@code delay} inside the caller's transaction, counting
     * {@code attempts} (0: nothing was sent); @throws LeaseLost as {@link #completeHeld}
     */
    public void putBackHeld(Connection connection, long id, Duration delay, String reason, int attempts)
            throws SQLException {
        OffsetDateTime next = UserDirectory.now().plus(delay);
        end(connection, List.of(id), PUT_BACK, update -> {
            update.setInt(1, attempts);
            update.setObject(2, next);
            update.setString(3, UserDirectory.truncate(reason, 2000));
        });
    }

    private static final String FINISH = "status = ?, attempts = attempts + 1, completed_at = ?, claimed_by = NULL,"
            + " claimed_until = NULL, last_error = ?, sent_at = NULL";
    private static final String PUT_BACK =
            "attempts = attempts + ?, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL, last_error = ?";

    /** Binds the three values of a {@link #FINISH} or {@link #PUT_BACK} assignment. */
    @FunctionalInterface
    private interface Assignment {
        void bind(PreparedStatement update) throws SQLException;
    }

    /** The update of an outcome, item by item where this instance holds it; the others make it throw. */
    private void end(Connection connection, List<Long> ids, String assignments, Assignment assignment)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        List<Long> lost = new ArrayList<>();
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE provisioning_outbox SET " + assignments + " WHERE id = ?" + HELD)) {
            for (long id : ids) {
                assignment.bind(update);
                update.setLong(4, id);
                update.setString(5, OutboxStatus.PENDING.db());
                update.setString(6, instanceId);
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    lost.add(ids.get(i));
                }
            }
        }
        if (!lost.isEmpty()) {
            lost.forEach(this::forgetClaim);
            throw new LeaseLost(lost);
        }
        // the claims as they are now: once committed, the items are free for a new claim, which must not be forgotten
        List<OutboxItem> claims = ids.stream()
                .map(working::get)
                .filter(java.util.Objects::nonNull)
                .toList();
        Jdbc.afterCommit(() -> claims.forEach(this::forget));
    }

    /** Forgets the current claim of an item this instance turned out not to hold. */
    private void forgetClaim(long id) {
        OutboxItem claim = working.get(id);
        if (claim != null) {
            forget(claim);
        }
    }

    /** An outcome in a transaction of its own; @return false when the lease was lost (nothing written) */
    private boolean alone(Jdbc.Work<?> outcome) {
        try {
            Jdbc.inTransaction(dataSource, outcome);
            return true;
        } catch (LeaseLost e) {
            LOG.info("Outcome not recorded: {}; its new owner records it", e.getMessage());
            return false;
        }
    }

    /** Gives claimed items back without an attempt (e.g. to go out later in a fuller batch). */
    public void release(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<OutboxItem> claims = ids.stream()
                .map(working::get)
                .filter(java.util.Objects::nonNull)
                .toList();
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provisioning_outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?")) {
                for (long id : ids) {
                    update.setLong(1, id);
                    update.setString(2, instanceId);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
        claims.forEach(this::forget);
    }

    /** Pending (or held) items of a file job: while there are any, its result file cannot be written yet. */
    public long pendingForJob(String jobId) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM provisioning_outbox WHERE job_id = ? AND status IN (?, ?)")) {
                count.setString(1, jobId);
                count.setString(2, OutboxStatus.PENDING.db());
                count.setString(3, OutboxStatus.HELD.db());
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** @return false when this instance no longer held the item (nothing written) */
    public boolean fail(long id, String error) {
        return alone(connection -> {
            failHeld(connection, id, error);
            return null;
        });
    }

    /** Puts the item back for another attempt after {@code delay}; @return false as {@link #fail} */
    public boolean retryLater(long id, Duration delay, String error) {
        return alone(connection -> {
            putBackHeld(connection, id, delay, error, 1);
            return null;
        });
    }

    /** Puts the item back without counting an attempt: nothing was sent; @return false as {@link #fail} */
    public boolean postpone(long id, Duration delay, String reason) {
        return alone(connection -> {
            putBackHeld(connection, id, delay, reason, 0);
            return null;
        });
    }

    /** Applications with work waiting for a user: what the API shows as pending. */
    public java.util.Set<String> pendingApplications(String userId) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT application FROM provisioning_outbox WHERE user_id = ? AND status = ?")) {
                select.setString(1, userId);
                select.setString(2, OutboxStatus.PENDING.db());
                java.util.Set<String> applications = new java.util.TreeSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        applications.add(rows.getString(1));
                    }
                }
                return applications;
            }
        });
    }
}
