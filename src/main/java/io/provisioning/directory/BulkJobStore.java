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
        /** Its CSV is being built: it takes no more items (reserving more then would leave them out of the upload). */
        building,
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
            String operation,
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

    /**
     * What a Bulk job may take of this operation: nothing reserved already, nothing given back for collections (V28),
     * and deletions only once the deletion threshold admitted them (issue 17: a Bulk job never skips it).
     */
    private static String reservable(String operation) {
        return " AND bulk_job IS NULL AND collections_only = FALSE"
                + (Operation.DELETE.db().equals(operation) ? " AND delete_admitted_at IS NOT NULL" : "");
    }

    /**
     * Due, unclaimed items a Bulk job may take, per application and operation (one query for all: it runs before
     * every claim of the outbox).
     */
    public Map<String, Map<String, Long>> pending() {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT application, operation, COUNT(*)"
                    + " FROM provisioning_outbox WHERE status = ? AND bulk_job IS NULL AND collections_only = FALSE"
                    + " AND (operation <> ? OR delete_admitted_at IS NOT NULL)"
                    + " AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)"
                    + " GROUP BY application, operation")) {
                OffsetDateTime now = UserDirectory.now();
                select.setString(1, OutboxStatus.PENDING.db());
                select.setString(2, Operation.DELETE.db());
                select.setObject(3, now);
                select.setObject(4, now);
                Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.computeIfAbsent(rows.getString(1), a -> new LinkedHashMap<>())
                                .put(rows.getString(2), rows.getLong(3));
                    }
                }
                return counts;
            }
        });
    }

    /**
     * Files whose work is gathered into Bulk API jobs instead of being sent as it arrives: files still being read whose
     * rows, estimated from the part read so far, exceed {@code threshold}, and files one of whose jobs still gathers
     * (reserved, or being built: the rest of the file, reserved after a job was sealed, goes into the next one).
     */
    public List<String> largeFilesBeingRead(long threshold) {
        return Jdbc.inTransaction(dataSource, connection -> {
            java.util.Set<String> files = new java.util.LinkedHashSet<>();
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
            try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT file_job_id FROM"
                    + " bulk_ingest_job WHERE file_job_id IS NOT NULL AND state IN (?, ?)")) {
                select.setString(1, State.reserved.name());
                select.setString(2, State.building.name());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        files.add(rows.getString(1));
                    }
                }
            }
            return List.copyOf(files);
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

    /** Items of one operation that a file's jobs took so far (all of its jobs, finished or not). */
    public long fileItems(String fileJobId, String operation) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COALESCE(SUM(items), 0) FROM bulk_ingest_job WHERE file_job_id = ? AND operation = ?")) {
                select.setString(1, fileJobId);
                select.setString(2, operation);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
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
    public Job reserve(String application, String operation, String fileJobId, int max) {
        return Jdbc.inTransaction(dataSource, connection -> {
            OffsetDateTime now = UserDirectory.now();
            String id = null;
            int items = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT id, items FROM bulk_ingest_job"
                    + " WHERE state = ? AND application = ? AND operation = ? AND claimed_by = ? AND items < ?"
                    + (fileJobId == null ? " AND file_job_id IS NULL" : " AND file_job_id = ?"))) {
                select.setString(1, State.reserved.name());
                select.setString(2, application);
                select.setString(3, operation);
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
                    insert.setString(3, operation);
                    insert.setString(4, State.reserved.name());
                    insert.setString(5, fileJobId);
                    insert.setString(6, instanceId);
                    insert.setObject(7, now.plus(lease));
                    insert.setObject(8, now);
                    insert.executeUpdate();
                }
            }
            // the ids first, then one conditional update each: H2 ran the UPDATE … WHERE id IN (SELECT … FETCH
            // FIRST n) of a large backlog as if the sub-select had one row
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM provisioning_outbox o"
                    + " WHERE status = ? AND operation = ? AND application = ?" + reservable(operation)
                    + " AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)"
                    + (fileJobId == null ? "" : " AND job_id = ?")
                    + " AND NOT EXISTS (SELECT 1 FROM provisioning_outbox e WHERE e.user_id = o.user_id"
                    + " AND e.application = o.application AND e.status = o.status AND e.id < o.id)"
                    + " ORDER BY id FETCH FIRST " + (max - items) + " ROWS ONLY")) {
                select.setString(1, OutboxStatus.PENDING.db());
                select.setString(2, operation);
                select.setString(3, application);
                select.setObject(4, now);
                select.setObject(5, now);
                if (fileJobId != null) {
                    select.setString(6, fileJobId);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            int reserved = 0;
            try (PreparedStatement update = connection.prepareStatement("UPDATE provisioning_outbox SET bulk_job = ?"
                    + " WHERE id = ? AND status = ? AND bulk_job IS NULL"
                    + " AND (claimed_until IS NULL OR claimed_until < ?)")) {
                for (long item : ids) {
                    update.setString(1, id);
                    update.setLong(2, item);
                    update.setString(3, OutboxStatus.PENDING.db());
                    update.setObject(4, now);
                    update.addBatch();
                }
                if (!ids.isEmpty()) {
                    for (int count : update.executeBatch()) {
                        reserved += count > 0 ? 1 : 0;
                    }
                }
            }
            if (reserved == 0) {
                connection.rollback();
                return null;
            }
            try (PreparedStatement count = connection.prepareStatement("UPDATE bulk_ingest_job SET items = items + ?,"
                    + " claimed_until = ? WHERE id = ? AND state = ?")) {
                count.setInt(1, reserved);
                count.setObject(2, now.plus(lease));
                count.setString(3, id);
                count.setString(4, State.reserved.name());
                if (count.executeUpdate() == 0) {
                    // sealed for its upload meanwhile (seal): these items would be left out of it; the next round
                    // reserves them into a new job. Checked last, so the job's row is locked only for a moment.
                    connection.rollback();
                    return null;
                }
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
                        jobs.add(job(rows));
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

    /**
     * Records how far the job got (and its Salesforce job id, when known; {@code error} when it failed), and renews
     * this instance's lease on it.
     *
     * @return false when the job is no longer this instance's (its lease ran out and another instance took it): the
     *     caller stops working on it
     */
    public boolean moveTo(String id, State state, String salesforceJobId, String error) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bulk_ingest_job SET state = ?,"
                            + " sf_job_id = ?, last_error = ?, finished_at = ?, claimed_until = ? WHERE id = ? AND claimed_by = ?")) {
                OffsetDateTime now = UserDirectory.now();
                update.setString(1, state.name());
                update.setString(2, salesforceJobId);
                update.setString(3, UserDirectory.truncate(error, 2000));
                update.setObject(4, state == State.done || state == State.failed ? now : null);
                update.setObject(5, now.plus(lease));
                update.setString(6, id);
                update.setString(7, instanceId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Seals a reserved job before its CSV is built: from then on {@link #reserve} starts another job instead of adding
     * items this upload would leave out. False when the job is no longer this instance's or no longer reserved.
     */
    public boolean seal(String id) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE bulk_ingest_job SET state = ?,"
                    + " claimed_until = ? WHERE id = ? AND claimed_by = ? AND state = ?")) {
                update.setString(1, State.building.name());
                update.setObject(2, UserDirectory.now().plus(lease));
                update.setString(3, id);
                update.setString(4, instanceId);
                update.setString(5, State.reserved.name());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Renews this instance's lease on a job it works on for long (a large CSV, many result pages). */
    public boolean holds(String id) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bulk_ingest_job SET claimed_until = ? WHERE id = ? AND claimed_by = ?")) {
                update.setObject(1, UserDirectory.now().plus(lease));
                update.setString(2, id);
                update.setString(3, instanceId);
                return update.executeUpdate() == 1;
            }
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

    /**
     * A page of result rows matched to the job's items: those still waiting, those an abort of their file job
     * discarded (a row Salesforce applied before the abort still records its link), and users whose item is finished.
     */
    public record Matches(
            Map<String, OutboxItem> waiting, Map<String, OutboxItem> discarded, java.util.Set<String> finished) {}

    /**
     * The job's items of these users (a page of results). An item already finished was recorded from the same result
     * row before a restart: it is neither recorded again nor reported as unmatched.
     */
    public Matches itemsOfUsers(String jobId, Collection<String> userIds) {
        Matches matches = new Matches(new LinkedHashMap<>(), new LinkedHashMap<>(), new java.util.HashSet<>());
        if (userIds.isEmpty()) {
            return matches;
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            String marks = String.join(", ", Collections.nCopies(userIds.size(), "?"));
            // By user only (ix_provisioning_outbox_user), the job kept here: with "bulk_job = ? AND user_id IN" H2
            // walks every item of the job for each page of results (the composite index serves only the equality).
            try (PreparedStatement select = connection.prepareStatement("SELECT " + ITEM_COLUMNS + ", status, bulk_job"
                    + " FROM provisioning_outbox WHERE user_id IN (" + marks + ")")) {
                int i = 1;
                for (String userId : userIds) {
                    select.setString(i++, userId);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (!jobId.equals(rows.getString("bulk_job"))) {
                            continue;
                        }
                        // by name: the item's columns come first and grow with the outbox (retry_of, V18)
                        String status = rows.getString("status");
                        OutboxItem item = item(rows);
                        if (OutboxStatus.PENDING.db().equals(status)) {
                            matches.waiting().put(item.userId(), item);
                        } else if (OutboxStatus.DISCARDED.db().equals(status)) {
                            matches.discarded().put(item.userId(), item);
                        } else {
                            matches.finished().add(item.userId());
                        }
                    }
                }
                return matches;
            }
        });
    }

    /** What {@link #abortFileWork} found. */
    public enum AbortOutcome {
        ABORTED,
        NOT_FOUND,
        NOT_A_FILE,
        STILL_READING,
        FINISHED
    }

    /**
     * An abort of a file job: its work not yet sent discarded ({@code discarded} items), and the Bulk jobs that hold
     * some of it in Salesforce ({@code running}: created, uploaded or closed), which the caller aborts there.
     */
    public record FileAbort(AbortOutcome outcome, String status, int discarded, List<Job> running) {}

    /**
     * Aborts a file job whose file is read ({@code DELETE /api/jobs/{id}}): in one transaction the job and its file
     * are marked aborted and its pending and held work is discarded, except items a worker holds right now (their
     * call is under way; what it applied is recorded). Rows of its Bulk jobs are discarded too; a job running in
     * Salesforce is returned, to be aborted there.
     */
    public FileAbort abortFileWork(String fileJobId, String reason) {
        return Jdbc.inTransaction(dataSource, connection -> {
            String kind;
            String jobStatus;
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT kind, status FROM provisioning_job WHERE id = ?")) {
                select.setString(1, fileJobId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return new FileAbort(AbortOutcome.NOT_FOUND, null, 0, List.of());
                    }
                    kind = rows.getString(1);
                    jobStatus = rows.getString(2);
                }
            }
            String fileStatus = null;
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT status FROM inbound_file WHERE job_id = ?")) {
                select.setString(1, fileJobId);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        fileStatus = rows.getString(1);
                    }
                }
            }
            if (!"file".equals(kind) || fileStatus == null) {
                return new FileAbort(AbortOutcome.NOT_A_FILE, jobStatus, 0, List.of());
            }
            if (InboundFiles.READING.equals(fileStatus)) {
                return new FileAbort(AbortOutcome.STILL_READING, jobStatus, 0, List.of());
            }
            if (!InboundFiles.PROVISIONING.equals(fileStatus)) {
                return new FileAbort(AbortOutcome.FINISHED, jobStatus, 0, List.of());
            }
            OffsetDateTime now = UserDirectory.now();
            List<Job> running = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT b.id, b.application,"
                    + " b.operation, b.state, b.sf_job_id, b.items, b.file_job_id FROM bulk_ingest_job b"
                    + " JOIN provisioning_outbox o ON o.bulk_job = b.id WHERE o.job_id = ? AND o.status = ?"
                    + " AND b.state IN (?, ?, ?) AND b.sf_job_id IS NOT NULL")) {
                select.setString(1, fileJobId);
                select.setString(2, OutboxStatus.PENDING.db());
                select.setString(3, State.created.name());
                select.setString(4, State.uploaded.name());
                select.setString(5, State.closed.name());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        running.add(job(rows));
                    }
                }
            }
            int discarded;
            try (PreparedStatement update = connection.prepareStatement("UPDATE provisioning_outbox SET status = ?,"
                    + " last_error = ?, completed_at = ? WHERE job_id = ? AND status IN (?, ?)"
                    + " AND (claimed_until IS NULL OR claimed_until < ?)")) {
                update.setString(1, OutboxStatus.DISCARDED.db());
                update.setString(2, UserDirectory.truncate(reason, 2000));
                update.setObject(3, now);
                update.setString(4, fileJobId);
                update.setString(5, OutboxStatus.PENDING.db());
                update.setString(6, OutboxStatus.HELD.db());
                update.setObject(7, now);
                discarded = update.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE inbound_file SET status = ?, lease_until = NULL WHERE job_id = ?")) {
                update.setString(1, InboundFiles.ABORTED);
                update.setString(2, fileJobId);
                update.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE provisioning_job SET status = ?,"
                    + " error = ?, finished_at = ?,"
                    + " provisioned = (SELECT COUNT(*) FROM provisioning_outbox WHERE job_id = ? AND status = ?),"
                    + " provisioning_failed = (SELECT COUNT(*) FROM provisioning_outbox WHERE job_id = ? AND status = ?)"
                    + " WHERE id = ?")) {
                update.setString(1, Jobs.ABORTED);
                update.setString(2, UserDirectory.truncate(reason, 2000));
                update.setObject(3, now);
                update.setString(4, fileJobId);
                update.setString(5, OutboxStatus.DONE.db());
                update.setString(6, fileJobId);
                update.setString(7, OutboxStatus.FAILED.db());
                update.setString(8, fileJobId);
                update.executeUpdate();
            }
            return new FileAbort(AbortOutcome.ABORTED, Jobs.ABORTED, discarded, running);
        });
    }

    /**
     * Gives items back to the outbox without an attempt: for collections ({@code toCollections}, never reserved for a
     * Bulk job again), or for the next job (rows that did not fit into this one's upload).
     */
    public void release(Collection<Long> itemIds, boolean toCollections) {
        if (itemIds.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provisioning_outbox SET bulk_job = NULL, collections_only = ? WHERE id = ?")) {
                for (long id : itemIds) {
                    update.setBoolean(1, toCollections);
                    update.setLong(2, id);
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
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE provisioning_outbox SET bulk_job = NULL,"
                            + " collections_only = TRUE WHERE bulk_job = ? AND status = ?")) {
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

    /** A job of a row selected as id, application, operation, state, sf_job_id, items, file_job_id. */
    private static Job job(ResultSet rows) throws SQLException {
        return new Job(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                State.valueOf(rows.getString(4)),
                rows.getString(5),
                rows.getInt(6),
                rows.getString(7));
    }

    private static OutboxItem item(ResultSet rows) throws SQLException {
        return OutboxItem.read(rows);
    }
}
