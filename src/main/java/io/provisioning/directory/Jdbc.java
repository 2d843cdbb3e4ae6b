package io.provisioning.directory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;

/** Runs work in one JDBC transaction: commit on success, roll back on any failure. */
public final class Jdbc {

    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The after-commit actions of each transaction open on this thread, innermost last. */
    private static final ThreadLocal<Deque<List<Runnable>>> AFTER_COMMIT = ThreadLocal.withInitial(ArrayDeque::new);

    private Jdbc() {}

    /**
     * Runs {@code action} once the transaction open on this thread commits (never when it rolls back); at once when
     * none is open.
     */
    static void afterCommit(Runnable action) {
        List<Runnable> actions = AFTER_COMMIT.get().peekLast();
        if (actions == null) {
            action.run();
        } else if (!actions.contains(action)) {
            actions.add(action);
        }
    }

    /**
     * Like {@link #inTransaction}, for work that inserts a row unless it exists: when another thread or instance
     * inserted the same key between the check and the insert, the work runs once more and then finds that row.
     */
    public static <T> T inTransactionOrAgainOnDuplicate(DataSource dataSource, Work<T> work) {
        try {
            return inTransaction(dataSource, work);
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof SQLException sql
                    && UserDirectory.UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                throw e;
            }
            return inTransaction(dataSource, work);
        }
    }

    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        List<Runnable> actions = new ArrayList<>(1);
        Deque<List<Runnable>> open = AFTER_COMMIT.get();
        T result;
        open.addLast(actions);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Directory database error: " + e.getMessage(), e);
        } finally {
            open.removeLast();
        }
        actions.forEach(Runnable::run);
        return result;
    }
}
