package io.provisioning.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Deletes report rows older than the retention period, by id ranges of a bounded size, each range in its own short
 * transaction: concurrent writers are never blocked for long and the table is never locked as a whole.
 */
public class ReportRetention {

    private final DataSource dataSource;
    private final Duration retention;
    private final int batchSize;
    private final Clock clock;

    public ReportRetention(DataSource dataSource, Duration retention, int batchSize, Clock clock) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** @return the number of rows deleted */
    public long purge() throws SQLException {
        OffsetDateTime cutoff =
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(retention);
        long deleted = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            long[] range = idRange(connection, cutoff);
            if (range == null) {
                return 0;
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM provisioning_report WHERE id >= ? AND id < ? AND occurred_at < ?")) {
                for (long start = range[0]; start <= range[1]; start += batchSize) {
                    delete.setLong(1, start);
                    delete.setLong(2, start + batchSize);
                    delete.setObject(3, cutoff);
                    deleted += delete.executeUpdate();
                }
            }
        }
        return deleted;
    }

    private static long[] idRange(Connection connection, OffsetDateTime cutoff) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MIN(id) AS low, MAX(id) AS high FROM provisioning_report WHERE occurred_at < ?")) {
            select.setObject(1, cutoff);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next() || result.getObject("low") == null) {
                    return null;
                }
                return new long[] {result.getLong("low"), result.getLong("high")};
            }
        }
    }
}
