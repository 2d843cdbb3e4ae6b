package io.provisioning.directory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** Reads the outcome of every row of a file job, with each application's final state, in row order (streamed). */
public class BulkResults {

    private final DataSource dataSource;

    public BulkResults(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One row's result: the directory outcome and, per application, its state (and error code). */
    public record Result(
            long rowNo,
            String userName,
            String action,
            String outcome,
            String detail,
            Map<String, String> applications) {}

    public void forEach(String jobId, Consumer<Result> consumer) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT b.row_no, b.identifier, b.action, b.outcome, b.detail, l.application, l.state, l.error_code"
                            + " FROM bulk_row b LEFT JOIN application_link l ON l.user_id = b.user_id"
                            + " AND b.outcome IN ('created', 'updated', 'deleted', 'unchanged')"
                            + " WHERE b.job_id = ? ORDER BY b.row_no, l.application")) {
                select.setFetchSize(1000); // stream: PostgreSQL uses a cursor inside the transaction
                select.setString(1, jobId);
                try (ResultSet rows = select.executeQuery()) {
                    Result current = null;
                    while (rows.next()) {
                        long rowNo = rows.getLong(1);
                        if (current == null || current.rowNo() != rowNo) {
                            if (current != null) {
                                consumer.accept(current);
                            }
                            current = new Result(
                                    rowNo,
                                    rows.getString(2),
                                    rows.getString(3),
                                    rows.getString(4),
                                    rows.getString(5),
                                    new LinkedHashMap<>());
                        }
                        String application = rows.getString(6);
                        if (application != null) {
                            String code = rows.getString(8);
                            current.applications()
                                    .put(application, rows.getString(7) + (code == null ? "" : " " + code));
                        }
                    }
                    if (current != null) {
                        consumer.accept(current);
                    }
                }
            }
            return null;
        });
    }
}
