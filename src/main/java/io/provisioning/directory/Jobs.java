package io.provisioning.directory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/** Long-running work (imports) with progress counters that clients poll. */
public class Jobs {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String INTERRUPTED = "interrupted";

    private final DataSource dataSource;

    public Jobs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String start(String kind, String application, String source) {
        String id = UUID.randomUUID().toString();
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO provisioning_job (id, kind, application, source, status, rows_read, created, updated,"
                            + " unchanged, failed, started_at) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?)")) {
                insert.setString(1, id);
                insert.setString(2, kind);
                insert.setString(3, application);
                insert.setString(4, UserDirectory.truncate(source, 512));
                insert.setString(5, RUNNING);
                insert.setObject(6, UserDirectory.now());
                insert.executeUpdate();
            }
            return null;
        });
        return id;
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

    public void finish(String id, String status, String error) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provisioning_job SET status = ?, error = ?, finished_at = ? WHERE id = ?")) {
                update.setString(1, status);
                update.setString(2, UserDirectory.truncate(error, 2000));
                update.setObject(3, UserDirectory.now());
                update.setString(4, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Jobs left running by a stop or crash cannot be running any more. */
    public int interruptRunning() {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provisioning_job SET status = ?, error = ?, finished_at = ? WHERE status = ?")) {
                update.setString(1, INTERRUPTED);
                update.setString(2, "the bundle stopped while the job ran; start it again");
                update.setObject(3, UserDirectory.now());
                update.setString(4, RUNNING);
                return update.executeUpdate();
            }
        });
    }

    /** The job as the API shows it, with its rate in rows per second. */
    public Optional<Map<String, Object>> view(String id) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, kind, application, source, status, rows_read, created, updated, unchanged, failed, error,"
                            + " started_at, finished_at FROM provisioning_job WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<Map<String, Object>>empty();
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
                    double seconds = Duration.between(started, finished == null ? UserDirectory.now() : finished).toMillis() / 1000.0;
                    view.put("rowsPerSecond", seconds > 0 ? Math.round(read / seconds * 10) / 10.0 : null);
                    return Optional.of(view);
                }
            }
        });
    }

    /** Counter increments. */
    public record Counts(long read, long created, long updated, long unchanged, long failed) {
    }
}
