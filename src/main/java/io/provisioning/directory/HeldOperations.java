package io.provisioning.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Deletions of the accidental-deletion threshold (issue 17): which were let through in the rolling hour, which are
 * held (outbox status {@code held}: not sent, not failed), and approving or discarding what is held.
 */
public class HeldOperations {

    /** One held outbox item, as the API lists it. */
    public record Held(
            long id,
            String userId,
            String userName,
            String operation,
            String source,
            String jobId,
            OffsetDateTime heldAt) {}

    private static final String SELECT_HELD = "SELECT o.id, o.user_id, u.user_name, o.operation, o.source, o.job_id,"
            + " o.held_at FROM provisioning_outbox o LEFT JOIN directory_user u ON u.id = o.user_id"
            + " WHERE o.application = ? AND o.status = ?";

    private static final String HOLD = "UPDATE provisioning_outbox SET status = '" + OutboxStatus.HELD.db()
            + "', held_at = ?," + " claimed_by = NULL, claimed_until = NULL WHERE id = ?";

    private final DataSource dataSource;

    public HeldOperations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Of these delete items, the ones not let through yet (an approved or already sent one is never held again). */
    public Set<Long> notAdmitted(List<Long> ids) {
        Set<Long> result = new HashSet<>();
        if (ids.isEmpty()) {
            return result;
        }
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM provisioning_outbox WHERE id = ? AND delete_admitted_at IS NULL")) {
                for (long id : ids) {
                    select.setLong(1, id);
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            result.add(id);
                        }
                    }
                }
            }
            return null;
        });
        return result;
    }

    /** What {@link #admitWithin} decided: the items let through now, and the ones held. */
    public record Admission(Set<Long> admitted, List<Held> held) {}

    /**
     * Lets through the application's deletions (in order) while fewer than {@code threshold} went out since
     * {@code since} and nothing of it is held; holds the rest. Counting and admitting happen under the application's
     * {@code deletion_gate} row lock, so instances deciding at the same moment take turns and never both use the same
     * room.
     */
    public Admission admitWithin(String application, List<Long> ids, int threshold, OffsetDateTime since) {
        ensureGate(application);
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT application FROM deletion_gate WHERE application = ? FOR UPDATE")) {
                lock.setString(1, application);
                lock.executeQuery().close();
            }
            boolean holding = count(
                            connection,
                            "SELECT COUNT(*) FROM provisioning_outbox WHERE application = ? AND status = ?",
                            application,
                            OutboxStatus.HELD.db())
                    > 0;
            long used = count(
                    connection,
                    "SELECT COUNT(*) FROM provisioning_outbox WHERE application = ? AND delete_admitted_at > ?",
                    application,
                    since);
            Set<Long> admitted = new HashSet<>();
            List<Long> toHold = new ArrayList<>();
            for (long id : ids) {
                if (!holding && used < threshold) {
                    admitted.add(id);
                    used++;
                } else {
                    toHold.add(id);
                }
            }
            update(
                    connection,
                    List.copyOf(admitted),
                    "UPDATE provisioning_outbox SET delete_admitted_at = ? WHERE id = ?");
            update(connection, toHold, HOLD);
            Set<Long> wanted = new HashSet<>(toHold);
            List<Held> held = select(connection, application).stream()
                    .filter(h -> wanted.contains(h.id()))
                    .toList();
            return new Admission(admitted, held);
        });
    }

    /** The application's lock row exists (made by the first instance that needs it). */
    private void ensureGate(String application) {
        Jdbc.inTransactionOrAgainOnDuplicate(dataSource, connection -> {
            if (count(connection, "SELECT COUNT(*) FROM deletion_gate WHERE application = ?", application, null) == 0) {
                try (PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO deletion_gate (application) VALUES (?)")) {
                    insert.setString(1, application);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** @param second a second parameter (string or time), or null for none */
    private static long count(Connection connection, String sql, String application, Object second)
            throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(sql)) {
            count.setString(1, application);
            if (second != null) {
                count.setObject(2, second);
            }
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Held items per application (applications with none left out). */
    public Map<String, Long> heldCounts() {
        return Jdbc.inTransaction(dataSource, connection -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT application, COUNT(*) FROM provisioning_outbox WHERE status = ? GROUP BY application")) {
                select.setString(1, OutboxStatus.HELD.db());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    /** Deletions a file job has for the application that were not let through yet, whatever their status. */
    public long jobDeletes(String jobId, String application) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM provisioning_outbox"
                    + " WHERE job_id = ? AND application = ? AND operation = ? AND delete_admitted_at IS NULL")) {
                count.setString(1, jobId);
                count.setString(2, application);
                count.setString(3, Operation.DELETE.db());
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** The file job's rows are still being read: how many deletions it has is not known yet. */
    public boolean jobStillReading(String jobId) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT status FROM inbound_file WHERE job_id = ?")) {
                select.setString(1, jobId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() && InboundFiles.READING.equals(rows.getString(1));
                }
            }
        });
    }

    /** Holds every pending deletion of a file job for the application, claimed or not; returns them. */
    public List<Held> holdJob(String jobId, String application) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE provisioning_outbox"
                    + " SET status = ?, held_at = ?, claimed_by = NULL, claimed_until = NULL"
                    + " WHERE job_id = ? AND application = ? AND operation = ? AND status = ?"
                    + " AND delete_admitted_at IS NULL")) {
                update.setString(1, OutboxStatus.HELD.db());
                update.setObject(2, UserDirectory.now());
                update.setString(3, jobId);
                update.setString(4, application);
                update.setString(5, Operation.DELETE.db());
                update.setString(6, OutboxStatus.PENDING.db());
                update.executeUpdate();
            }
            List<Held> held = new ArrayList<>();
            for (Held item : select(connection, application)) {
                if (jobId.equals(item.jobId())) {
                    held.add(item);
                }
            }
            return held;
        });
    }

    /** What the application has held, oldest first. */
    public List<Held> list(String application) {
        return Jdbc.inTransaction(dataSource, connection -> select(connection, application));
    }

    /** Lets every held item of the application go out now; they count against the rolling hour. */
    public List<Held> approve(String application) {
        return release(
                application,
                OutboxStatus.PENDING,
                "UPDATE provisioning_outbox SET status = ?, held_at = NULL,"
                        + " delete_admitted_at = ?, next_attempt_at = ? WHERE id = ? AND status = '"
                        + OutboxStatus.HELD.db() + "'");
    }

    /** Drops every held item of the application: never sent; the directory keeps its state. */
    public List<Held> discard(String application) {
        return release(
                application,
                OutboxStatus.DISCARDED,
                "UPDATE provisioning_outbox SET status = ?, completed_at = ?,"
                        + " last_error = 'discarded while held by the deletion threshold', next_attempt_at = ?"
                        + " WHERE id = ? AND status = '" + OutboxStatus.HELD.db() + "'");
    }

    /** @param sql sets status (1) and two times (2, 3) of item id (4) */
    private List<Held> release(String application, OutboxStatus newStatus, String sql) {
        return Jdbc.inTransaction(dataSource, connection -> {
            List<Held> held = select(connection, application);
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                OffsetDateTime now = UserDirectory.now();
                for (Held item : held) {
                    update.setString(1, newStatus.db());
                    update.setObject(2, now);
                    update.setObject(3, now);
                    update.setLong(4, item.id());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return held;
        });
    }

    private static List<Held> select(Connection connection, String application) throws SQLException {
        List<Held> held = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_HELD + " ORDER BY o.id")) {
            select.setString(1, application);
            select.setString(2, OutboxStatus.HELD.db());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    held.add(new Held(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6),
                            rows.getObject(7, OffsetDateTime.class)));
                }
            }
        }
        return held;
    }

    /** @param sql sets a time (1) on item id (2) */
    private static void update(Connection connection, List<Long> ids, String sql) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            OffsetDateTime now = UserDirectory.now();
            for (long id : ids) {
                update.setObject(1, now);
                update.setLong(2, id);
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
