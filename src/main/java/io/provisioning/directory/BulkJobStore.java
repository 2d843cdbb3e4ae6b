package io.provisioning.directory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Bulk API 2.0 ingest jobs in the directory (V20): large loads reserved from the outbox, the Salesforce job id of
 * each (stored before its upload), the state it reached, and a lease so that one instance works a job at a time and
 * another takes it over when that one died.
 */
public class BulkJobStore {

    /** How far a job got; a bundle restarted in the middle of one resumes from here. */
    public enum State {
        reserved,
        created,
        uploaded,
        closed,
        done,
        failed
    }

    /** One reserved job. */
    public record Job(
            String id,
            String application,
            Operation operation,
            State state,
            String salesforceJobId,
            int items,
            String fileJobId) {}

    private static final String ITEM_COLUMNS = Outbox.COLUMNS;

    private final DataSource dataSource;
    private final String instanceId = UUID.randomUUID().toString();
    private final Duration lease;

    public BulkJobStore(DataSource dataSource, Duration lease) {
        this.dataSource = dataSource;
        this.lease = lease;
    }

    /** Due, unclaimed, unreserved items per application of this operation, in order (as the outbox claims them). */
    public Map<String, Long> pendingByApplication(Operation operation) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT application, COUNT(*) FROM"
                    + " provisioning_outbox o WHERE status = ? AND operation = ? AND bulk_job IS NULL"
                    + " AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)"
                    + " GROUP BY application")) {
                OffsetDateTime now = UserDirectory.now();
                select.setString(1, OutboxStatus.PENDING.db());
                select.setString(2, operation.db());
                select.setObject(3, now);
                select.setObject(4, now);
                Map<String, Long> counts = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return counts;
            }
        });
    }

    /**
     * Files still being read whose rows, estimated from the part read so far, exceed {@code threshold}: their work is
     * gathered into a Bulk API job instead of being sent as it arrives.
     */
    public List<String> largeFilesBeingRead(long threshold) {
        return Jdbc.inTransaction(dataSource, connection -> {
            List<String> files = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT job_id, rows_committed, bytes_total," + " bytes_read FROM inbound_file WHERE status = ?")) {
                select.setString(1, InboundFiles.READING);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long committed = rows.getLong(2);
                        long read = Math.max(1, rows.getLong(4));
                        if (committed > 0 && committed * (double) rows.getLong(3) / read > threshold) {
                            files.add(rows.getString(1));
                        }
                    }
                }
            }
            return files;
        });
    }

    /** Whether the file job's rows are all read (its outbox work is complete). */
    public boolean fileRead(String fileJobId) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT status FROM inbound_file WHERE job_id = ?")) {
                select.setString(1, fileJobId);
                try (ResultSet rows = select.executeQuery()) {
                    return !rows.next() || !InboundFiles.READING.equals(rows.getString(1));
                }
            }
        });
    }

    /**
     * Reserves due items of one application and operation (of one file job when {@code fileJobId} is set) for a job
     * of at most {@code max} items: added to this instance's job of the same kind still being filled, or a new one.
     * Each user's first pending item only, so one user's work keeps its order.
     *
     * @return the job with its new item count, or null when nothing was reserved
     */
    public Job reserve(String application, Operation operation, String fileJobId, int max) {
        return Jdbc.inTransaction(dataSource, connection -> {
            OffsetDateTime now = UserDirectory.now();
            String id = null;
            int items = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT id, items FROM bulk_ingest_job"
                    + " WHERE state = ? AND application = ? AND operation = ? AND claimed_by = ? AND items < ?"
                    + (fileJobId == null ? " AND file_job_id IS NULL" : " AND file_job_id = ?"))) {
                select.setString(1, State.reserved.name());
                select.setString(2, application);
                select.setString(3, operation.db());
                select.setString(4, instanceId);
                select.setInt(5, max);
                if (fileJobId != null) {
                    select.setString(6, fileJobId);
                }
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        id = rows.getString(1);
                        items = rows.getInt(2);
                    }
                }
            }
            if (id == null) {
                id = UUID.randomUUID().toString();
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bulk_ingest_job (id,"
                        + " application, operation, state, items, file_job_id, claimed_by, claimed_until, created_at)"
                        + " VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)")) {
                    insert.setString(1, id);
                    insert.setString(2, application);
                    insert.setString(3, operation.db());
                    insert.setString(4, State.reserved.name());
                    insert.setString(5, fileJobId);
                    insert.setString(6, instanceId);
                    insert.setObject(7, now.plus(lease));
                    insert.setObject(8, now);
                    insert.executeUpdate();
                }
            }
            int reserved;
            try (PreparedStatement update = connection.prepareStatement("UPDATE provisioning_outbox SET bulk_job = ?"
                    + " WHERE id IN (SELECT id FROM provisioning_outbox o WHERE status = ? AND operation = ?"
                    + " AND application = ? AND bulk_job IS NULL AND next_attempt_at <= ?"
                    + " AND (claimed_until IS NULL OR claimed_until < ?)"
                    + (fileJobId == null ? "" : " AND job_id = ?")
                    + " AND NOT EXISTS (SELECT 1 FROM provisioning_outbox e WHERE e.user_id = o.user_id"
                    + " AND e.application = o.application AND e.status = o.status AND e.id < o.id)"
                    + " ORDER BY id FETCH FIRST " + (max - items) + " ROWS ONLY)")) {
                update.setString(1, id);
                update.setString(2, OutboxStatus.PENDING.db());
                update.setString(3, operation.db());
                update.setString(4, application);
                update.setObject(5, now);
                update.setObject(6, now);
                if (fileJobId != null) {
                    update.setString(7, fileJobId);
                }
                reserved = update.executeUpdate();
            }
            if (reserved == 0) {
                connection.rollback();
                return null;
            }
            try (PreparedStatement count = connection.prepareStatement(
                    "UPDATE bulk_ingest_job SET items = items + ?, claimed_until = ? WHERE id = ?")) {
                count.setInt(1, reserved);
                count.setObject(2, now.plus(lease));
                count.setString(3, id);
                count.executeUpdate();
            }
            return new Job(id, application, operation, State.reserved, null, items + reserved, fileJobId);
        });
    }

    /** Unfinished jobs this instance holds or whose holder's lease ran out (it died), taken with a fresh lease. */
    public List<Job> claimUnfinished() {
        return Jdbc.inTransaction(dataSource, connection -> {
            OffsetDateTime now = UserDirectory.now();
            List<Job> jobs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, application, operation, state,"
                    + " sf_job_id, items, file_job_id FROM bulk_ingest_job WHERE state NOT IN (?, ?)"
                    + " AND (claimed_by = ? OR claimed_until IS NULL OR claimed_until < ?) ORDER BY created_at")) {
                select.setString(1, State.done.name());
                select.setString(2, State.failed.name());
                select.setString(3, instanceId);
                select.setObject(4, now);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(new Job(
                                rows.getString(1),
                                rows.getString(2),
                                Operation.of(rows.getString(3)),
                                State.valueOf(rows.getString(4)),
                                rows.getString(5),
                                rows.getInt(6),
                                rows.getString(7)));
                    }
                }
            }
            try (PreparedStatement claim = connection.prepareStatement(
                    "UPDATE bulk_ingest_job SET claimed_by = ?, claimed_until = ? WHERE id = ?")) {
                for (Job job : jobs) {
                    claim.setString(1, instanceId);
                    claim.setObject(2, now.plus(lease));
                    claim.setString(3, job.id());
                    claim.addBatch();
                }
                claim.executeBatch();
            }
            return jobs;
        });
    }

    /** Records how far the job got (and its Salesforce job id, when known); {@code error} when it failed. */
    public void moveTo(String id, State state, String salesforceJobId, String error) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE bulk_ingest_job SET state = ?,"
                    + " sf_job_id = ?, last_error = ?, finished_at = ? WHERE id = ?")) {
                update.setString(1, state.name());
                update.setString(2, salesforceJobId);
                update.setString(3, UserDirectory.truncate(error, 2000));
                update.setObject(4, state == State.done || state == State.failed ? UserDirectory.now() : null);
                update.setString(5, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** The job's items still waiting for their outcome, in id order after {@code afterId}, at most {@code limit}. */
    public List<OutboxItem> items(String jobId, long afterId, int limit) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + ITEM_COLUMNS
                    + " FROM provisioning_outbox WHERE bulk_job = ? AND status = ? AND id > ? ORDER BY id"
                    + " FETCH FIRST " + limit + " ROWS ONLY")) {
                select.setString(1, jobId);
                select.setString(2, OutboxStatus.PENDING.db());
                select.setLong(3, afterId);
                return read(select);
            }
        });
    }

    /** A page of result rows matched to the job's items: those still waiting, and users whose item is finished. */
    public record Matches(Map<String, OutboxItem> waiting, java.util.Set<String> finished) {}

    /**
     * The job's items of these users (a page of results). An item already finished was recorded from the same result
     * row before a restart: it is neither recorded again nor reported as unmatched.
     */
    public Matches itemsOfUsers(String jobId, Collection<String> userIds) {
        Matches matches = new Matches(new LinkedHashMap<>(), new java.util.HashSet<>());
        if (userIds.isEmpty()) {
            return matches;
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            String marks = String.join(", ", Collections.nCopies(userIds.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement("SELECT " + ITEM_COLUMNS + ", status"
                    + " FROM provisioning_outbox WHERE bulk_job = ? AND user_id IN (" + marks + ")")) {
                select.setString(1, jobId);
                int i = 2;
                for (String userId : userIds) {
                    select.setString(i++, userId);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (OutboxStatus.PENDING.db().equals(rows.getString(11))) {
                            OutboxItem item = item(rows);
                            matches.waiting().put(item.userId(), item);
                        } else {
                            matches.finished().add(rows.getString(2));
                        }
                    }
                }
                return matches;
            }
        });
    }

    /** Gives the items back to the outbox (for collections), without an attempt. */
    public void release(Collection<Long> itemIds) {
        if (itemIds.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE provisioning_outbox SET bulk_job = NULL WHERE id = ?")) {
                for (long id : itemIds) {
                    update.setLong(1, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    /** Gives every item of the job still pending back to the outbox; they go out through collections. */
    public int releaseAll(String jobId) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provisioning_outbox SET bulk_job = NULL WHERE bulk_job = ? AND status = ?")) {
                update.setString(1, jobId);
                update.setString(2, OutboxStatus.PENDING.db());
                return update.executeUpdate();
            }
        });
    }

    private static List<OutboxItem> read(PreparedStatement select) throws SQLException {
        List<OutboxItem> items = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                items.add(item(rows));
            }
        }
        return items;
    }

    private static OutboxItem item(ResultSet rows) throws SQLException {
        return OutboxItem.read(rows);
    }
}
