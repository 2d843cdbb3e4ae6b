package io.provisioning.reports;

import io.provisioning.directory.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Body;

/**
 * Inserts report rows (each the named values {@link ReportRows} builds) as one JDBC batch: on their own for the
 * {@code reports-insert} route, or inside the transaction that records the outcomes they report, so that a crash
 * keeps both or neither.
 */
public class ReportInsert {

    private static final String INSERT = "INSERT INTO provisioning_report (occurred_at, user_identifier,"
            + " user_identifier_key, user_id, application, operation, status, record_id, error_code, error_message,"
            + " source, request_id, attempt, duration_ms, retry_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final List<String> COLUMNS = List.of(
            "occurredAt",
            "userIdentifier",
            "userIdentifierKey",
            "userId",
            "application",
            "operation",
            "status",
            "recordId",
            "errorCode",
            "errorMessage",
            "source",
            "requestId",
            "attempt",
            "durationMs",
            "retryOf");

    private final DataSource dataSource;

    public ReportInsert(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The {@code reports-insert} route: the rows in a transaction of their own; a failure goes to the caller. */
    public void insertAll(@Body List<Map<String, Object>> rows) {
        Jdbc.inTransaction(dataSource, connection -> {
            insert(connection, rows);
            return null;
        });
    }

    /** The rows in the caller's transaction. */
    public static void insert(Connection connection, List<Map<String, Object>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Map<String, Object> row : rows) {
                for (int i = 0; i < COLUMNS.size(); i++) {
                    insert.setObject(i + 1, row.get(COLUMNS.get(i)));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
