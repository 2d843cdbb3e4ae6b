package io.provisioning.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code cluster_lease} rows (V25): one per namespace, held by one instance until it expires. Taking and
 * renewing are one conditional UPDATE (held by me, or expired), so two instances never both succeed; the first
 * instance of a namespace INSERTs the row, a concurrent second one fails on the primary key and is not the holder.
 */
public class ClusterLeases {

    private static final Instant RELEASED = Instant.EPOCH;

    private final DataSource dataSource;
    private final Clock clock;

    public ClusterLeases(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Takes or renews the lease of {@code namespace} for {@code node}; true when {@code node} holds it now. */
    public boolean acquire(String namespace, String node, Duration ttl) throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement update = connection.prepareStatement("UPDATE cluster_lease SET holder = ?,"
                    + " expires_at = ? WHERE namespace = ? AND (holder = ? OR expires_at < ?)")) {
                update.setString(1, node);
                update.setTimestamp(2, Timestamp.from(now.plus(ttl)));
                update.setString(3, namespace);
                update.setString(4, node);
                update.setTimestamp(5, Timestamp.from(now));
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cluster_lease (namespace, holder,"
                    + " expires_at) SELECT ?, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM cluster_lease WHERE namespace = ?)")) {
                insert.setString(1, namespace);
                insert.setString(2, node);
                insert.setTimestamp(3, Timestamp.from(now.plus(ttl)));
                insert.setString(4, namespace);
                return insert.executeUpdate() == 1;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false; // another instance inserted it first: it holds the lease
                }
                throw e;
            }
        }
    }

    /** Gives the lease up at once (a stopping instance), so that another takes over without waiting for expiry. */
    public void release(String namespace, String node) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(
                        "UPDATE cluster_lease SET expires_at = ? WHERE namespace = ? AND holder = ?")) {
            connection.setAutoCommit(true);
            release.setTimestamp(1, Timestamp.from(RELEASED));
            release.setString(2, namespace);
            release.setString(3, node);
            release.executeUpdate();
        }
    }

    /** The instance holding an unexpired lease of {@code namespace}, if any. */
    public Optional<String> holder(String namespace) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT holder FROM cluster_lease WHERE namespace = ? AND expires_at >= ?")) {
            query.setString(1, namespace);
            query.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }
}
