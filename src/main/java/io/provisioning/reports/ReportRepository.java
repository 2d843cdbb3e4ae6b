package io.provisioning.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Reads report rows with JDBC: a page with totals per status, a streaming cursor, and counts per time bucket. */
public class ReportRepository {

    private static final String COLUMNS = "id, occurred_at, user_identifier, application, operation, status, record_id,"
            + " error_code, error_message, source, request_id, attempt, duration_ms, retry_of";
    private static final String NEWEST_FIRST = " ORDER BY occurred_at DESC, id DESC";
    private static final int FETCH_SIZE = 500;

    private final DataSource dataSource;

    public ReportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ReportPage page(ReportQuery query) {
        ReportFilter filter = ReportFilter.of(query);
        try (Connection connection = dataSource.getConnection()) {
            List<ReportRow> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM provisioning_report WHERE " + filter.where() + NEWEST_FIRST + " LIMIT ? OFFSET ?")) {
                int next = filter.bind(select);
                select.setInt(next, query.size());
                select.setLong(next + 1, query.offset());
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(row(result));
                    }
                }
            }
            return new ReportPage(query, rows, totals(connection, filter));
        } catch (SQLException e) {
            throw new IllegalStateException("Report query failed: " + e.getMessage(), e);
        }
    }

    /** Every row of the selection, newest first, streamed; the caller closes the cursor. */
    public ReportCursor cursor(ReportQuery query) {
        ReportFilter filter = ReportFilter.of(query);
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            // PostgreSQL streams with a fetch size only inside a transaction.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM provisioning_report WHERE " + filter.where() + NEWEST_FIRST);
            select.setFetchSize(FETCH_SIZE);
            filter.bind(select);
            return new ReportCursor(connection, select, select.executeQuery());
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("Report query failed: " + e.getMessage(), e);
        }
    }

    /** Row counts per bucket start and status, every bucket of the span present (zeros included), oldest first. */
    public Map<Instant, Map<String, Long>> histogram(ReportQuery query, ReportQuery.Bucket bucket) {
        ReportFilter filter = ReportFilter.of(query);
        // The bucket width comes from a closed enum, never from the request text.
        String bucketExpression = "FLOOR(EXTRACT(EPOCH FROM occurred_at) / " + bucket.seconds() + ")";
        Map<Instant, Map<String, Long>> buckets = new TreeMap<>();
        long first = Math.floorDiv(query.from().getEpochSecond(), bucket.seconds());
        long last = Math.floorDiv(query.to().getEpochSecond() - 1, bucket.seconds());
        for (long b = first; b <= last; b++) {
            buckets.put(Instant.ofEpochSecond(b * bucket.seconds()), zeros());
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + bucketExpression
                        + " AS bucket, status, COUNT(*) AS n FROM provisioning_report WHERE " + filter.where()
                        + " GROUP BY " + bucketExpression + ", status")) {
            filter.bind(select);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Instant start = Instant.ofEpochSecond(result.getLong("bucket") * bucket.seconds());
                    buckets.computeIfAbsent(start, s -> zeros())
                            .merge(result.getString("status"), result.getLong("n"), Long::sum);
                }
            }
            return buckets;
        } catch (SQLException e) {
            throw new IllegalStateException("Report histogram failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> totals(Connection connection, ReportFilter filter) throws SQLException {
        Map<String, Long> totals = zeros();
        try (PreparedStatement count =
                connection.prepareStatement("SELECT status, COUNT(*) AS n FROM provisioning_report" + " WHERE "
                        + filter.where() + " GROUP BY status")) {
            filter.bind(count);
            try (ResultSet result = count.executeQuery()) {
                while (result.next()) {
                    totals.merge(result.getString("status"), result.getLong("n"), Long::sum);
                }
            }
        }
        return totals;
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> zeros = new LinkedHashMap<>();
        ReportQuery.STATUSES.forEach(s -> zeros.put(s, 0L));
        return zeros;
    }

    static ReportRow row(ResultSet result) throws SQLException {
        return new ReportRow(
                result.getLong("id"),
                result.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                result.getString("user_identifier"),
                result.getString("application"),
                result.getString("operation"),
                result.getString("status"),
                result.getString("record_id"),
                result.getString("error_code"),
                result.getString("error_message"),
                result.getString("source"),
                result.getString("request_id"),
                (Integer) result.getObject("attempt", Integer.class),
                (Long) result.getObject("duration_ms", Long.class),
                (Long) result.getObject("retry_of", Long.class));
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing more to do
            }
        }
    }
}
