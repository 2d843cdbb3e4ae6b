package io.provisioning.directory;

import io.provisioning.support.TimeOrderedIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/** Long-running work (imports) with progress counters that clients poll. */
public class Jobs {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String INTERRUPTED = "interrupted";
    /** A file job stopped by {@code DELETE /api/jobs/{id}}: its work not yet sent was discarded. */
    public static final String ABORTED = "aborted";

    private final DataSource dataSource;
    /** This instance's cluster node id: the owner of the jobs it starts ({@code run_by}). */
    private final String node;

    public Jobs(DataSource dataSource, String node) {
        this.dataSource = dataSource;
        this.node = node;
    }

    public String start(String kind, String application, String source) {
        String id = TimeOrderedIds.next();
        Jdbc.inTransaction(dataSource, connection -> {
            insert(connection, id, kind, application, source, node);
            return null;
        });
        return id;
    }

    /**
     * A new running job, inside the caller's transaction. A file job has no owner here: its file's claim
     * ({@code inbound_file.claimed_by}) says which instance reads it.
     */
    static void insert(
            java.sql.Connection connection, String id, String kind, String application, String source, String runBy)
            throws java.sql.SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO provisioning_job (id, kind, application, source, status, rows_read, created, updated,"
                        + " unchanged, failed, started_at, run_by) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, kind);
            insert.setString(3, application);
            insert.setString(4, UserDirectory.truncate(source, 512));
            insert.setString(5, RUNNING);
            insert.setObject(6, UserDirectory.now());
            insert.setString(7, runBy);
            insert.executeUpdate();
        }
    }

    /** Adds to the job's counters. */
    public void progress(String id, Counts counts) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provisioning_job SET rows_read = rows_read + ?, created = created + ?, updated = updated + ?,"
                            + " unchanged = unchanged + ?, failed = failed + ? WHERE id = ?")) {
                update.setLong(1, counts.read());
                update.setLong(2, counts.created());
                update.setLong(3, counts.updated());
                update.setLong(4, counts.unchanged());
                update.setLong(5, counts.failed());
                update.setString(6, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Adds a chunk of bulk rows to the job's counters, inside the chunk's own transaction. */
    static void bulkProgress(java.sql.Connection connection, String id, Map<BulkOutcome, Integer> outcomes)
            throws java.sql.SQLException {
        long created = outcomes.getOrDefault(BulkOutcome.CREATED, 0);
        long updated = outcomes.getOrDefault(BulkOutcome.UPDATED, 0);
        long deleted = outcomes.getOrDefault(BulkOutcome.DELETED, 0);
        long unchanged = outcomes.getOrDefault(BulkOutcome.UNCHANGED, 0);
        long invalid = outcomes.getOrDefault(BulkOutcome.INVALID, 0) + outcomes.getOrDefault(BulkOutcome.DUPLICATE, 0);
        long read = created + updated + deleted + unchanged + invalid;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE provisioning_job SET rows_read = rows_read + ?, rows_valid = rows_valid + ?,"
                        + " rows_invalid = rows_invalid + ?, created = created + ?, updated = updated + ?,"
                        + " deleted = deleted + ?, unchanged = unchanged + ?, failed = failed + ? WHERE id = ?")) {
            update.setLong(1, read);
            update.setLong(2, read - invalid);
            update.setLong(3, invalid);
            update.setLong(4, created);
            update.setLong(5, updated);
            update.setLong(6, deleted);
            update.setLong(7, unchanged);
            update.setLong(8, invalid);
            update.setString(9, id);
            update.executeUpdate();
        }
    }

    /** A status change that does not end the job (e.g. a file read completely, now provisioning). */
    public void status(String id, String status, String note) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provisioning_job SET status = ?, error = COALESCE(?, error) WHERE id = ?")) {
                update.setString(1, status);
                update.setString(2, UserDirectory.truncate(note, 2000));
                update.setString(3, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    public void finish(String id, String status, String error) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provisioning_job SET status = ?, error = COALESCE(?, error), finished_at = ? WHERE id = ?")) {
                update.setString(1, status);
                update.setString(2, UserDirectory.truncate(error, 2000));
                update.setObject(3, UserDirectory.now());
                update.setString(4, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Completes a file job, keeping its provisioning totals (its outbox items are purged later). */
    public void finishFile(String id) {
        Jdbc.inTransaction(dataSource, connection -> finishFile(connection, id));
    }

    /** Completes a file job in the caller's transaction, with its provisioning totals counted from the outbox. */
    int finishFile(Connection connection, String id) throws SQLException {
        long[] users = usersByWork(connection, id);
        try (PreparedStatement update = connection.prepareStatement("UPDATE provisioning_job SET status = ?,"
                + " finished_at = ?, provisioned = ?, provisioning_failed = ? WHERE id = ?")) {
            update.setString(1, COMPLETED);
            update.setObject(2, UserDirectory.now());
            update.setLong(3, users[0]);
            update.setLong(4, users[1]);
            update.setString(5, id);
            return update.executeUpdate();
        }
    }

    /**
     * A file job's users per application by the state of their work: {done, failed, pending}. A user's work in one
     * application may be several items (issue 20: its write and its entitlement step, or only the step); the user
     * counts once, as pending while any item waits, else failed when any failed, else done. Entitlement changes are
     * told by their own report rows.
     */
    private static long[] usersByWork(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT"
                + " COALESCE(SUM(CASE WHEN waiting = 0 AND failed = 0 AND done > 0 THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN waiting = 0 AND failed > 0 THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN waiting > 0 THEN 1 ELSE 0 END), 0)"
                + " FROM (SELECT user_id, application,"
                + " SUM(CASE WHEN status = ? THEN 1 ELSE 0 END) AS done,"
                + " SUM(CASE WHEN status = ? THEN 1 ELSE 0 END) AS failed,"
                // a discarded held deletion is neither; held ones still wait
                + " SUM(CASE WHEN status IN (?, ?) THEN 1 ELSE 0 END) AS waiting"
                + " FROM provisioning_outbox WHERE job_id = ? GROUP BY user_id, application) w")) {
            select.setString(1, OutboxStatus.DONE.db());
            select.setString(2, OutboxStatus.FAILED.db());
            select.setString(3, OutboxStatus.PENDING.db());
            select.setString(4, OutboxStatus.HELD.db());
            select.setString(5, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)};
            }
        }
    }

    /**
     * Marks running import jobs whose owner ({@code run_by}: the instance that started them, null for jobs from
     * before V32) {@code gone} names as interrupted: they cannot be running any more. The caller decides which owners
     * are gone (this instance's earlier process, instances whose heartbeat expired), so a live instance's import goes
     * on. File jobs are not touched: another instance may be reading the file, and a file whose instance died is taken
     * over and resumed (its lease).
     */
    public int interruptRunning(Predicate<String> gone) {
        return Jdbc.inTransaction(dataSource, connection -> {
            List<String> interrupted = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, run_by FROM provisioning_job WHERE status = ? AND kind = 'import' FOR UPDATE")) {
                select.setString(1, RUNNING);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (gone.test(rows.getString(2))) {
                            interrupted.add(rows.getString(1));
                        }
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provisioning_job SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = ?")) {
                for (String id : interrupted) {
                    update.setString(1, INTERRUPTED);
                    update.setString(2, "the bundle instance running it stopped while the job ran; start it again");
                    update.setObject(3, UserDirectory.now());
                    update.setString(4, id);
                    update.setString(5, RUNNING);
                    update.addBatch();
                }
                if (!interrupted.isEmpty()) {
                    update.executeBatch();
                }
            }
            return interrupted.size();
        });
    }

    /** The job as the API shows it, with its rate in rows per second. */
    public Optional<Map<String, Object>> view(String id) {
        return Jdbc.inTransaction(dataSource, connection -> view(connection, id));
    }

    /** {@link #view(String)} in the caller's transaction. */
    public Optional<Map<String, Object>> view(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, kind, application, source, status, rows_read, created, updated, unchanged, failed,"
                        + " error, started_at, finished_at, rows_valid, rows_invalid, deleted, provisioned,"
                        + " provisioning_failed"
                        + " FROM provisioning_job WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("id", row.getString(1));
                view.put("kind", row.getString(2));
                view.put("application", row.getString(3));
                view.put("source", row.getString(4));
                view.put("status", row.getString(5));
                long read = row.getLong(6);
                view.put("read", read);
                view.put("created", row.getLong(7));
                view.put("updated", row.getLong(8));
                view.put("unchanged", row.getLong(9));
                view.put("failed", row.getLong(10));
                view.put("error", row.getString(11));
                OffsetDateTime started = row.getObject(12, OffsetDateTime.class);
                OffsetDateTime finished = row.getObject(13, OffsetDateTime.class);
                view.put("startedAt", started.toString());
                view.put("finishedAt", finished == null ? null : finished.toString());
                double seconds = Duration.between(started, finished == null ? UserDirectory.now() : finished)
                                .toMillis()
                        / 1000.0;
                view.put("rowsPerSecond", seconds > 0 ? Math.round(read / seconds * 10) / 10.0 : null);
                if ("file".equals(view.get("kind"))) {
                    view.put("valid", row.getLong(14));
                    view.put("invalid", row.getLong(15));
                    view.put("deleted", row.getLong(16));
                    if (row.getObject(17) != null) {
                        view.put("provisioned", row.getLong(17));
                        view.put("provisioningFailed", row.getLong(18));
                        view.put("provisioningPending", 0L);
                        view.put("estimatedSecondsLeft", null);
                    } else {
                        fileProgress(connection, id, view, seconds, finished == null);
                    }
                }
                return Optional.of(view);
            }
        }
    }

    /** Provisioning progress of a file job's outbox work, and the estimated time left. */
    private static void fileProgress(
            java.sql.Connection connection, String id, Map<String, Object> view, double seconds, boolean running)
            throws java.sql.SQLException {
        long[] users = usersByWork(connection, id);
        long done = users[0];
        long failed = users[1];
        long pending = users[2];
        long bytesTotal = 0;
        long bytesRead = 0;
        try (PreparedStatement select =
                connection.prepareStatement("SELECT bytes_total, bytes_read FROM inbound_file WHERE job_id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    bytesTotal = rows.getLong(1);
                    bytesRead = rows.getLong(2);
                }
            }
        }
        view.put("provisioned", done);
        view.put("provisioningFailed", failed);
        view.put("provisioningPending", pending);
        Long eta = null;
        if (running && seconds > 0) {
            if (bytesRead < bytesTotal && bytesRead > 0) {
                eta = Math.round(seconds * (bytesTotal - bytesRead) / bytesRead);
            } else if (done + failed > 0) {
                eta = Math.round(seconds * pending / (done + failed));
            }
        }
        view.put("estimatedSecondsLeft", eta);
    }

    /** Counter increments. */
    public record Counts(long read, long created, long updated, long unchanged, long failed) {}
}
