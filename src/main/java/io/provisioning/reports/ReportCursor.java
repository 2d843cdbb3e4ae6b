package io.provisioning.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Every row of a selection, newest first, read from an open database cursor a few hundred rows at a time (never all
 * at once). Holds a connection until closed.
 */
final class ReportCursor implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private boolean closed;

    ReportCursor(Connection connection, PreparedStatement statement, ResultSet resultSet) {
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
    }

    /** @return the next row, or null at the end */
    public ReportRow next() {
        try {
            return resultSet.next() ? ReportRepository.row(resultSet) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("Report query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (connection;
                statement;
                resultSet) {
            connection.rollback();
        } catch (SQLException e) {
            // the connection goes back to the pool either way
        }
    }
}
