package io.provisioning.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The requests already applied (table {@code processed_request}): a request key is recorded in the same transaction
 * as the directory change it causes, so a redelivered request is recognised and has no second effect.
 */
final class ProcessedRequests {

    private ProcessedRequests() {}

    /**
     * Records the key, or throws {@link AlreadyProcessedException} when it is already there (then the caller's
     * transaction rolls back). A concurrent insert of the same key waits on the unique key and fails the same way.
     */
    static void record(Connection connection, String requestKey, String source) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT 1 FROM processed_request WHERE request_key = ?")) {
            select.setString(1, requestKey);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    throw new AlreadyProcessedException(requestKey);
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO processed_request (request_key, source, processed_at) VALUES (?, ?, ?)")) {
            insert.setString(1, requestKey);
            insert.setString(2, UserDirectory.truncate(source, 512));
            insert.setObject(3, UserDirectory.now());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (UserDirectory.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new AlreadyProcessedException(requestKey);
            }
            throw e;
        }
    }
}
