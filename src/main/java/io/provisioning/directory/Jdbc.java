package io.provisioning.directory;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs work in one JDBC transaction: commit on success, roll back on any failure. */
public final class Jdbc {

    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Jdbc() {}

    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Directory database error: " + e.getMessage(), e);
        }
    }
}
