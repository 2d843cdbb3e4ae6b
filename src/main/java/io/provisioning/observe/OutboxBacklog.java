package io.provisioning.observe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much provisioning work waits: pending outbox items and the age of the oldest. Both queries run on the
 * {@code (status, id)} index (the oldest pending item is the one with the lowest id).
 */
class OutboxBacklog implements Supplier<OutboxBacklog.Backlog> {

    /** @param oldestAgeSeconds 0 when nothing is pending */
    public record Backlog(long pending, double oldestAgeSeconds) {}

    private static final Logger LOG = LoggerFactory.getLogger(OutboxBacklog.class);
    private static final String PENDING = "pending";

    private final DataSource dataSource;
    private final Clock clock;

    public OutboxBacklog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Backlog get() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count =
                        connection.prepareStatement("SELECT COUNT(*) FROM provisioning_outbox WHERE status = ?");
                PreparedStatement oldest = connection.prepareStatement(
                        "SELECT created_at FROM provisioning_outbox WHERE status = ? ORDER BY id LIMIT 1")) {
            count.setString(1, PENDING);
            long pending;
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                pending = rs.getLong(1);
            }
            oldest.setString(1, PENDING);
            try (ResultSet rs = oldest.executeQuery()) {
                if (!rs.next()) {
                    return new Backlog(pending, 0);
                }
                OffsetDateTime created = rs.getObject(1, OffsetDateTime.class);
                return new Backlog(
                        pending,
                        Math.max(
                                0,
                                Duration.between(created.toInstant(), clock.instant())
                                                .toMillis()
                                        / 1000.0));
            }
        } catch (SQLException e) {
            // the gauges show NaN while the database is down; the health check says why
            LOG.debug("Outbox backlog not readable", e);
            return new Backlog(-1, Double.NaN);
        }
    }
}
