package io.provisioning.directory;

import io.provisioning.support.TimeOrderedIds;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Files dropped for bulk import, claimed by one bundle instance at a time with a lease that the instance renews as it
 * commits rows. A file whose instance died is taken over once its lease runs out and resumes after the last
 * committed row, so every row is applied exactly once.
 */
public class InboundFiles {

    public static final String READING = "reading";
    public static final String PROVISIONING = "provisioning";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    /** Its job was aborted ({@code DELETE /api/jobs/{id}}): no result file. */
    public static final String ABORTED = "aborted";

    private final DataSource dataSource;
    private final Duration lease;
    private final String instanceId = UUID.randomUUID().toString();

    public InboundFiles(DataSource dataSource, Duration lease) {
        this.dataSource = dataSource;
        this.lease = lease;
    }

    /** A claimed file: its job, how many rows earlier attempts already committed, and whether it was taken over. */
    public record Claim(String jobId, long rowsCommitted, boolean takenOver) {}

    /**
     * Claims a file for this instance: a new file (its job is created in the same transaction), or one whose reading
     * instance stopped renewing its lease (its job goes on).
     */
    public Optional<Claim> claim(String fileKey, String fileName, long size) {
        String jobId = TimeOrderedIds.next();
        OffsetDateTime now = UserDirectory.now();
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT job_id, status, lease_until, rows_committed FROM inbound_file WHERE file_key = ? FOR UPDATE")) {
                select.setString(1, fileKey);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        String existingJob = row.getString(1);
                        OffsetDateTime leaseUntil = row.getObject(3, OffsetDateTime.class);
                        boolean abandoned =
                                READING.equals(row.getString(2)) && leaseUntil != null && leaseUntil.isBefore(now);
                        if (!abandoned) {
                            return Optional.<Claim>empty();
                        }
                        long committed = row.getLong(4);
                        renew(connection, existingJob, now);
                        return Optional.of(new Claim(existingJob, committed, true));
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO inbound_file (job_id, file_key, file_name, status, claimed_by, lease_until, rows_committed,"
                            + " bytes_total, bytes_read, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, ?)")) {
                insert.setString(1, jobId);
                insert.setString(2, fileKey);
                insert.setString(3, fileName);
                insert.setString(4, READING);
                insert.setString(5, instanceId);
                insert.setObject(6, now.plus(lease));
                insert.setLong(7, size);
                insert.setObject(8, now);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (UserDirectory.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return Optional.<Claim>empty(); // another instance claimed it first
                }
                throw e;
            }
            Jobs.insert(connection, jobId, "file", null, "file:" + fileName, null);
            return Optional.of(new Claim(jobId, 0, false));
        });
    }

    /** Whether the file (name, size, time) was already claimed, so a poll need not try. */
    public boolean known(String fileKey) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT lease_until, status FROM inbound_file WHERE file_key = ?")) {
                select.setString(1, fileKey);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                    OffsetDateTime leaseUntil = row.getObject(1, OffsetDateTime.class);
                    return !(READING.equals(row.getString(2))
                            && leaseUntil != null
                            && leaseUntil.isBefore(UserDirectory.now()));
                }
            }
        });
    }

    private void renew(java.sql.Connection connection, String jobId, OffsetDateTime now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE inbound_file SET claimed_by = ?, lease_until = ? WHERE job_id = ?")) {
            update.setString(1, instanceId);
            update.setObject(2, now.plus(lease));
            update.setString(3, jobId);
            update.executeUpdate();
        }
    }

    /**
     * Checkpoint inside a chunk's transaction: rows committed so far, bytes read, lease renewed; only while this
     * instance still holds the claim. Run first in the chunk: the row lock it takes makes a concurrent take-over wait
     * for the chunk's commit (and then see its checkpoint), and a reader whose lease ran out and whose file another
     * instance took over gets {@link ClaimLostException}, so its chunk rolls back whole instead of applying rows the
     * new holder applies too.
     */
    void checkpoint(java.sql.Connection connection, String jobId, long rowsCommitted, long bytesRead)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE inbound_file SET rows_committed = ?,"
                + " bytes_read = ?, lease_until = ? WHERE job_id = ? AND claimed_by = ? AND status = ?")) {
            update.setLong(1, rowsCommitted);
            update.setLong(2, bytesRead);
            update.setObject(3, UserDirectory.now().plus(lease));
            update.setString(4, jobId);
            update.setString(5, instanceId);
            update.setString(6, READING);
            if (update.executeUpdate() == 0) {
                throw new ClaimLostException(jobId);
            }
        }
    }

    public void setStatus(String jobId, String status, String resultFile) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE inbound_file SET status = ?, result_file = COALESCE(?, result_file), lease_until = NULL"
                            + " WHERE job_id = ?")) {
                update.setString(1, status);
                update.setString(2, resultFile);
                update.setString(3, jobId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Completes a file whose provisioning is done, and its job, in one transaction with {@code alongWith} (its report
     * row): a crash keeps all of it or none, and the next look finishes the file again. Empty when the file is no
     * longer provisioning (another instance completed it first): nothing is written twice.
     */
    public <T> Optional<T> complete(String jobId, Jobs jobs, Jdbc.Work<T> alongWith) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE inbound_file SET status = ?, lease_until = NULL WHERE job_id = ? AND status = ?")) {
                update.setString(1, COMPLETED);
                update.setString(2, jobId);
                update.setString(3, PROVISIONING);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            jobs.finishFile(connection, jobId);
            return Optional.of(alongWith.run(connection));
        });
    }

    /** Files read completely whose provisioning may have finished: candidates for their result file. */
    public List<String[]> provisioning() {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT job_id, result_file FROM inbound_file WHERE status = ?")) {
                select.setString(1, PROVISIONING);
                List<String[]> files = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        files.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
                return files;
            }
        });
    }
}
