package io.provisioning.directory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * One reconcile per application at a time, across instances: the {@code reconcile_run} row is the lock, written in
 * the same transaction as the job it names. A lock older than {@code staleAfter} was left by an instance that died
 * mid-run and is taken over.
 */
public class ReconcileRuns {

    /** The outcome of a start: the new job, or the job already running. */
    public record Start(String jobId, boolean started) {}

    private final DataSource dataSource;
    private final Duration staleAfter;

    public ReconcileRuns(DataSource dataSource, Duration staleAfter) {
        this.dataSource = dataSource;
        this.staleAfter = staleAfter;
    }

    public Start start(String application, String source) {
        return Jdbc.inTransaction(dataSource, connection -> {
            OffsetDateTime now = UserDirectory.now();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT job_id, started_at FROM reconcile_run WHERE application = ? FOR UPDATE")) {
                select.setString(1, application);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        if (row.getObject(2, OffsetDateTime.class).isAfter(now.minus(staleAfter))) {
                            return new Start(row.getString(1), false);
                        }
                        // its instance died mid-run: the job will never finish by itself
                        delete(connection, application, row.getString(1));
                        try (PreparedStatement interrupt = connection.prepareStatement(
                                "UPDATE provisioning_job SET status = ?, finished_at = ? WHERE id = ? AND status = ?")) {
                            interrupt.setString(1, Jobs.INTERRUPTED);
                            interrupt.setObject(2, now);
                            interrupt.setString(3, row.getString(1));
                            interrupt.setString(4, Jobs.RUNNING);
                            interrupt.executeUpdate();
                        }
                    }
                }
            }
            String jobId = io.provisioning.support.TimeOrderedIds.next();
            Jobs.insert(connection, jobId, "reconcile", application, source, null); // reconcile_run holds it
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO reconcile_run (application, job_id, started_at) VALUES (?, ?, ?)")) {
                insert.setString(1, application);
                insert.setString(2, jobId);
                insert.setObject(3, now);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (UserDirectory.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // another instance started one between the read and the insert
                    throw new IllegalStateException("A reconcile of " + application + " was started meanwhile", e);
                }
                throw e;
            }
            return new Start(jobId, true);
        });
    }

    /** Ends the run of {@code jobId} (a newer run's lock is left alone). */
    public void release(String application, String jobId) {
        Jdbc.inTransaction(dataSource, connection -> {
            delete(connection, application, jobId);
            return null;
        });
    }

    private static void delete(java.sql.Connection connection, String application, String jobId) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM reconcile_run WHERE application = ? AND job_id = ?")) {
            delete.setString(1, application);
            delete.setString(2, jobId);
            delete.executeUpdate();
        }
    }
}
