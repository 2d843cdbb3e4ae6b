package io.provisioning.password;

import io.provisioning.directory.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The mails to send ({@code activation_mail}): recorded before the request that asks for them is answered, claimed
 * with a lease by one instance at a time, and retried while the SMTP server does not take them.
 */
public class MailQueue {

    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String FAILED = "failed";

    private final DataSource dataSource;
    private final Duration lease;

    public MailQueue(DataSource dataSource, Duration lease) {
        this.dataSource = dataSource;
        this.lease = lease;
    }

    public void enqueue(Collection<String> userIds, String kind, String source) {
        enqueue(userIds, kind, source, null);
    }

    /**
     * {@link #enqueue(Collection, String, String)} that records {@code requestKey} (when not null) in the same
     * transaction, so a redelivered request queues no second mail.
     */
    public void enqueue(Collection<String> userIds, String kind, String source, String requestKey) {
        Jdbc.inTransaction(dataSource, connection -> {
            if (requestKey != null) {
                io.provisioning.directory.RequestKeys.record(connection, requestKey, source);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO activation_mail"
                            + " (user_id, kind, source, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)")) {
                for (String userId : userIds) {
                    insert.setString(1, userId);
                    insert.setString(2, kind);
                    insert.setString(3, source);
                    insert.setString(4, PENDING);
                    insert.setObject(5, now());
                    insert.setObject(6, now());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** Claims up to {@code max} due mails for this instance for the lease time. */
    public List<MailItem> claimDue(int max) {
        return Jdbc.inTransaction(dataSource, connection -> {
            List<MailItem> claimed = new ArrayList<>();
            for (MailItem item : due(connection, max)) {
                try (PreparedStatement claim =
                        connection.prepareStatement("UPDATE activation_mail SET claimed_until = ?"
                                + " WHERE id = ? AND status = ? AND (claimed_until IS NULL OR claimed_until < ?)")) {
                    claim.setObject(1, now().plus(lease));
                    claim.setLong(2, item.id());
                    claim.setString(3, PENDING);
                    claim.setObject(4, now());
                    if (claim.executeUpdate() == 1) {
                        claimed.add(item);
                    }
                }
            }
            return claimed;
        });
    }

    private List<MailItem> due(Connection connection, int max) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, user_id, kind, source, attempts"
                + " FROM activation_mail WHERE status = ? AND next_attempt_at <= ?"
                + " AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id FETCH FIRST " + max + " ROWS ONLY")) {
            select.setString(1, PENDING);
            select.setObject(2, now());
            select.setObject(3, now());
            List<MailItem> items = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    items.add(new MailItem(
                            rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5)));
                }
            }
            return items;
        }
    }

    public void sent(long id) {
        finish(id, SENT, null, null);
    }

    public void failed(long id, String error) {
        finish(id, FAILED, error, null);
    }

    public void retryLater(long id, Duration delay, String error) {
        finish(id, PENDING, error, now().plus(delay));
    }

    private void finish(long id, String status, String error, OffsetDateTime nextAttempt) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE activation_mail SET status = ?,"
                    + " attempts = attempts + 1, last_error = ?, claimed_until = NULL,"
                    + " next_attempt_at = COALESCE(?, next_attempt_at), sent_at = ? WHERE id = ?")) {
                update.setString(1, status);
                update.setString(2, error == null || error.length() <= 2000 ? error : error.substring(0, 2000));
                update.setObject(3, nextAttempt);
                update.setObject(4, SENT.equals(status) ? now() : null);
                update.setLong(5, id);
                return update.executeUpdate();
            }
        });
    }

    /** How many mails of this kind were queued for the user since {@code since}. */
    public int countSince(String userId, String kind, OffsetDateTime since) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM activation_mail WHERE user_id = ? AND kind = ? AND created_at >= ?")) {
                count.setString(1, userId);
                count.setString(2, kind);
                count.setObject(3, since);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
