package io.provisioning.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Re-drive (issue 17, item 5): puts an application's failed outbox work back in the queue. The item itself goes back
 * to pending (so a file job's totals stay right), naming the report row of its last failure ({@code retry_of}); the
 * writer reads the user when it sends, so the latest directory values go out. Work a later change of the same user
 * superseded stays failed: sending it now could undo that change (e.g. delete a record reactivated since).
 */
public class FailedWork {

    private static final int CHUNK = 500;

    /** Which failures to re-drive (null = any): the failure's error code and time span, the file job. */
    public record Filter(String errorCode, OffsetDateTime from, OffsetDateTime to, String jobId) {}

    /** One item put back: its failure's report row and error code (null when the row is gone). */
    public record Redriven(long outboxId, String userId, String operation, Long retryOf, String errorCode) {}

    private record Failure(long reportId, String errorCode, OffsetDateTime at) {}

    private final DataSource dataSource;

    public FailedWork(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Redriven> redrive(String application, Filter filter) {
        return Jdbc.inTransaction(dataSource, connection -> {
            List<Redriven> candidates = failed(connection, application, filter.jobId());
            Map<Long, Failure> failures = lastFailures(connection, candidates);
            List<Redriven> chosen = new ArrayList<>();
            for (Redriven item : candidates) {
                Failure failure = failures.get(item.outboxId());
                if (matches(failure, filter)) {
                    chosen.add(new Redriven(
                            item.outboxId(),
                            item.userId(),
                            item.operation(),
                            failure == null ? null : failure.reportId(),
                            failure == null ? null : failure.errorCode()));
                }
            }
            List<Redriven> redriven = requeue(connection, chosen);
            reopenFileJobs(connection, redriven);
            return redriven;
        });
    }

    private static boolean matches(Failure failure, Filter filter) {
        if (filter.errorCode() == null && filter.from() == null && filter.to() == null) {
            return true;
        }
        if (failure == null) {
            return false; // its report row is gone (retention): nothing to match the filter against
        }
        return (filter.errorCode() == null || filter.errorCode().equalsIgnoreCase(failure.errorCode()))
                && (filter.from() == null || !failure.at().isBefore(filter.from()))
                && (filter.to() == null || failure.at().isBefore(filter.to()));
    }

    private static List<Redriven> failed(Connection connection, String application, String jobId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT o.id, o.user_id, o.operation FROM provisioning_outbox o WHERE o.application = ? AND o.status = ?"
                        + (jobId == null ? "" : " AND o.job_id = ?")
                        // a later change of the user in this application supersedes the failed work
                        + " AND NOT EXISTS (SELECT 1 FROM provisioning_outbox n WHERE n.user_id = o.user_id"
                        + " AND n.application = o.application AND n.id > o.id) ORDER BY o.id")) {
            select.setString(1, application);
            select.setString(2, OutboxStatus.FAILED.db());
            if (jobId != null) {
                select.setString(3, jobId);
            }
            List<Redriven> items = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    items.add(new Redriven(rows.getLong(1), rows.getString(2), rows.getString(3), null, null));
                }
            }
            return items;
        }
    }

    /** The last failure row of each item, found by its request id ({@code outbox-<id>}), in chunks. */
    private static Map<Long, Failure> lastFailures(Connection connection, List<Redriven> items) throws SQLException {
        Map<Long, Failure> failures = new HashMap<>();
        for (List<Redriven> chunk : chunks(items)) {
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT request_id, id, error_code, occurred_at FROM provisioning_report WHERE request_id IN ("
                            + marks + ") AND status = 'failure' ORDER BY id")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, "outbox-" + chunk.get(i).outboxId());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long outboxId = Long.parseLong(rows.getString(1).substring("outbox-".length()));
                        // ordered by id: the last row read is the latest failure
                        failures.put(
                                outboxId,
                                new Failure(
                                        rows.getLong(2), rows.getString(3), rows.getObject(4, OffsetDateTime.class)));
                    }
                }
            }
        }
        return failures;
    }

    private static List<Redriven> requeue(Connection connection, List<Redriven> items) throws SQLException {
        List<Redriven> requeued = new ArrayList<>();
        OffsetDateTime now = UserDirectory.now();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE provisioning_outbox SET status = ?, attempts = 0, next_attempt_at = ?, claimed_by = NULL,"
                        + " claimed_until = NULL, claimed_at = NULL, completed_at = NULL, last_error = NULL,"
                        + " retry_of = ? WHERE id = ? AND status = ?")) {
            for (Redriven item : items) {
                update.setString(1, OutboxStatus.PENDING.db());
                update.setObject(2, now);
                update.setObject(3, item.retryOf());
                update.setLong(4, item.outboxId());
                update.setString(5, OutboxStatus.FAILED.db());
                // another re-drive may have taken it meanwhile
                if (update.executeUpdate() == 1) {
                    requeued.add(item);
                }
            }
        }
        return requeued;
    }

    /** A finished file job with re-driven rows provisions again; its result file is written anew when done. */
    private static void reopenFileJobs(Connection connection, List<Redriven> items) throws SQLException {
        Set<Long> ids = new LinkedHashSet<>();
        items.forEach(i -> ids.add(i.outboxId()));
        if (ids.isEmpty()) {
            return;
        }
        Set<String> jobs = new LinkedHashSet<>();
        for (List<Long> chunk : chunks(new ArrayList<>(ids))) {
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT job_id FROM provisioning_outbox WHERE job_id IS NOT NULL AND id IN (" + marks
                            + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(rows.getString(1));
                    }
                }
            }
        }
        try (PreparedStatement file = connection.prepareStatement(
                        "UPDATE inbound_file SET status = ? WHERE job_id = ? AND status = ?");
                PreparedStatement job = connection.prepareStatement(
                        "UPDATE provisioning_job SET status = ?, finished_at = NULL WHERE id = ? AND kind = 'file'")) {
            for (String jobId : jobs) {
                file.setString(1, InboundFiles.PROVISIONING);
                file.setString(2, jobId);
                file.setString(3, InboundFiles.COMPLETED);
                file.executeUpdate();
                job.setString(1, InboundFiles.PROVISIONING);
                job.setString(2, jobId);
                job.executeUpdate();
            }
        }
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int start = 0; start < all.size(); start += CHUNK) {
            chunks.add(all.subList(start, Math.min(all.size(), start + CHUNK)));
        }
        return chunks;
    }
}
