package io.provisioning.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Purges finished work older than the retention period, which would otherwise grow without bound: finished
 * outbox items (a bulk file adds one per row and application), the per-row outcomes of finished file jobs, and the
 * request keys of processed queue messages (kept far longer than any redelivery). Deletes run in bounded batches,
 * each its own short transaction, so writers are never held up for long.
 */
public class WorkRetention {

    private final DataSource dataSource;
    private final Duration retention;
    private final int batchSize;
    private final Clock clock;

    public WorkRetention(DataSource dataSource, Duration retention, int batchSize, Clock clock) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** @return rows deleted per table */
    public Map<String, Long> purge() throws SQLException {
        OffsetDateTime cutoff =
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(retention);
        Map<String, Long> deleted = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            long outbox = 0;
            for (OutboxStatus status : List.of(OutboxStatus.DONE, OutboxStatus.FAILED, OutboxStatus.DISCARDED)) {
                outbox += repeat(
                        connection,
                        "DELETE FROM provisioning_outbox WHERE id IN (SELECT id FROM provisioning_outbox"
                                + " WHERE status = ? AND completed_at < ? ORDER BY id LIMIT " + batchSize + ")",
                        status.db(),
                        cutoff);
            }
            deleted.put("provisioning_outbox", outbox);
            long rows = 0;
            for (String job : finishedFileJobs(connection, cutoff)) {
                rows += repeat(
                        connection,
                        "DELETE FROM bulk_row WHERE job_id = ? AND row_no IN (SELECT row_no FROM bulk_row"
                                + " WHERE job_id = ? ORDER BY row_no LIMIT " + batchSize + ")",
                        job,
                        job);
            }
            deleted.put("bulk_row", rows);
            deleted.put(
                    "processed_request",
                    repeat(
                            connection,
                            "DELETE FROM processed_request WHERE request_key IN"
                                    + " (SELECT request_key FROM processed_request WHERE processed_at < ? LIMIT "
                                    + batchSize + ")",
                            cutoff));
        }
        return deleted;
    }

    private static List<String> finishedFileJobs(Connection connection, OffsetDateTime cutoff) throws SQLException {
        List<String> jobs = new ArrayList<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT id FROM provisioning_job j WHERE kind = 'file' AND finished_at < ?"
                        + " AND EXISTS (SELECT 1 FROM bulk_row b WHERE b.job_id = j.id)")) {
            select.setObject(1, cutoff);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    jobs.add(rows.getString(1));
                }
            }
        }
        return jobs;
    }

    /** Runs a bounded delete until a batch comes back short (nothing more to delete). */
    private long repeat(Connection connection, String sql, Object... parameters) throws SQLException {
        long total = 0;
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                delete.setObject(i + 1, parameters[i]);
            }
            int count;
            do {
                count = delete.executeUpdate();
                total += count;
            } while (count == batchSize);
        }
        return total;
    }
}
