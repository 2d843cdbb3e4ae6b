package io.provisioning.directory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;

/**
 * The quarantine's window of recent writes (issue 17, V29): per application and second, the writes that succeeded
 * and those that failed permanently, in the database so that every instance's writes count and a restart keeps them.
 */
public class WriteWindows {

    /** Writes of an application within a window. */
    public record Totals(long succeeded, long failed) {
        public long total() {
            return succeeded + failed;
        }
    }

    private final DataSource dataSource;

    public WriteWindows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds writes to the application's second. */
    public void add(String application, long epochSecond, long succeeded, long failed) {
        // another instance may make the second's row first: then this adds to it
        Jdbc.inTransactionOrAgainOnDuplicate(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE write_window SET"
                    + " succeeded = succeeded + ?, failed = failed + ? WHERE application = ? AND epoch_second = ?")) {
                update.setLong(1, succeeded);
                update.setLong(2, failed);
                update.setString(3, application);
                update.setLong(4, epochSecond);
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO write_window (application, epoch_second, succeeded, failed) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, application);
                insert.setLong(2, epochSecond);
                insert.setLong(3, succeeded);
                insert.setLong(4, failed);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The application's writes in the seconds after {@code afterEpochSecond}. */
    public Totals after(String application, long afterEpochSecond) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(SUM(succeeded), 0),"
                    + " COALESCE(SUM(failed), 0) FROM write_window WHERE application = ? AND epoch_second > ?")) {
                select.setString(1, application);
                select.setLong(2, afterEpochSecond);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return new Totals(rows.getLong(1), rows.getLong(2));
                }
            }
        });
    }

    /** Forgets the application's seconds up to {@code epochSecond} (they left the window). */
    public void forgetUntil(String application, long epochSecond) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM write_window WHERE application = ? AND epoch_second <= ?")) {
                delete.setString(1, application);
                delete.setLong(2, epochSecond);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets all of the application's writes (a resume: the storm that was is not held against it). */
    public void clear(String application) {
        forgetUntil(application, Long.MAX_VALUE);
    }
}
