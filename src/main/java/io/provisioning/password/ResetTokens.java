package io.provisioning.password;

import io.provisioning.directory.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Reset-link tokens in {@code password_token}: issued pending with a mail, active once the mail is sent (which
 * supersedes the user's older links), expiring after the configured time. A submit claims the link with one
 * conditional UPDATE before any Salesforce call (active → claimed), so of two concurrent submits only one sets a
 * password; afterwards the link is used, or active again when no application took the password. Deactivating the
 * user or changing the e-mail address revokes open links ({@code UserDirectory}, in the same transaction).
 */
public class ResetTokens {

    static final String PENDING = "pending";
    static final String ACTIVE = "active";
    static final String USED = "used";
    static final String SUPERSEDED = "superseded";
    static final String CLAIMED = "claimed";
    /** Written by {@code io.provisioning.directory.UserDirectory} (which cannot see this class) as well. */
    static final String REVOKED = "revoked";

    /** A freshly issued token: the raw value goes into the mail only. */
    public record Issued(String token, String hash, OffsetDateTime expiresAt) {
        @Override
        public String toString() {
            return "Issued[hash=" + hash + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final DataSource dataSource;
    private final Duration ttl;
    private final Clock clock;

    public ResetTokens(DataSource dataSource, Duration ttl, Clock clock) {
        this.dataSource = dataSource;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Issued issue(String userId) {
        String token = TokenHash.newToken();
        Issued issued = new Issued(token, TokenHash.sha256(token), now().plus(ttl));
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO password_token"
                    + " (token_hash, user_id, state, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, issued.hash());
                insert.setString(2, userId);
                insert.setString(3, PENDING);
                insert.setObject(4, now());
                insert.setObject(5, issued.expiresAt());
                return insert.executeUpdate();
            }
        });
        return issued;
    }

    /**
     * The mail with this token was sent: it becomes the user's only valid link, unless a link issued after it was
     * already sent (two mails sent concurrently, the newer one first), in which case it is superseded at once.
     */
    public void activate(String hash, String userId) {
        Jdbc.inTransaction(dataSource, connection -> {
            // one activation per user at a time, so that two of them cannot both see no newer link
            try (PreparedStatement lock =
                    connection.prepareStatement("SELECT id FROM directory_user WHERE id = ? FOR UPDATE")) {
                lock.setString(1, userId);
                lock.executeQuery().close();
            }
            try (PreparedStatement older = connection.prepareStatement(
                            "UPDATE password_token SET state = ?"
                                    + " WHERE user_id = ? AND state = ? AND created_at <= (SELECT created_at FROM password_token WHERE token_hash = ?)");
                    PreparedStatement newer = connection.prepareStatement(
                            "SELECT COUNT(*) FROM password_token"
                                    + " WHERE user_id = ? AND state = ? AND created_at > (SELECT created_at FROM password_token WHERE token_hash = ?)");
                    // only a pending link: one revoked while its mail was on the way stays revoked
                    PreparedStatement current = connection.prepareStatement(
                            "UPDATE password_token SET state = ? WHERE token_hash = ? AND state = '" + PENDING + "'")) {
                older.setString(1, SUPERSEDED);
                older.setString(2, userId);
                older.setString(3, ACTIVE);
                older.setString(4, hash);
                older.executeUpdate();
                newer.setString(1, userId);
                newer.setString(2, ACTIVE);
                newer.setString(3, hash);
                boolean newerSent;
                try (ResultSet count = newer.executeQuery()) {
                    newerSent = count.next() && count.getLong(1) > 0;
                }
                current.setString(1, newerSent ? SUPERSEDED : ACTIVE);
                current.setString(2, hash);
                return current.executeUpdate();
            }
        });
    }

    /** The mail with this token was not sent. */
    public void discard(String hash) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM password_token WHERE token_hash = ? AND state = ?")) {
                delete.setString(1, hash);
                delete.setString(2, PENDING);
                return delete.executeUpdate();
            }
        });
    }

    public TokenCheck check(String token) {
        if (!TokenHash.wellFormed(token)) {
            return TokenCheck.UNKNOWN;
        }
        String hash = TokenHash.sha256(token);
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT token_hash, user_id, state, expires_at FROM password_token WHERE token_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || !TokenHash.same(hash, row.getString(1))) {
                        return TokenCheck.UNKNOWN;
                    }
                    String state = row.getString(3);
                    TokenCheck.Status status =
                            switch (state) {
                                case USED -> TokenCheck.Status.USED;
                                case SUPERSEDED -> TokenCheck.Status.SUPERSEDED;
                                case CLAIMED -> TokenCheck.Status.IN_USE;
                                case REVOKED -> TokenCheck.Status.REVOKED;
                                case ACTIVE -> row.getObject(4, OffsetDateTime.class)
                                                .isAfter(now())
                                        ? TokenCheck.Status.VALID
                                        : TokenCheck.Status.EXPIRED;
                                default -> TokenCheck.Status.UNKNOWN;
                            };
                    return new TokenCheck(status, row.getString(2), hash);
                }
            }
        });
    }

    /**
     * Takes the link for one submit, before any password is sent anywhere: one UPDATE that only an active, unexpired
     * link passes, so of concurrent submits exactly one gets true.
     */
    public boolean claim(String hash) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE password_token SET state = ?, used_at = ?"
                            + " WHERE token_hash = ? AND state = ? AND expires_at > ?")) {
                update.setString(1, CLAIMED);
                update.setObject(2, now());
                update.setString(3, hash);
                update.setString(4, ACTIVE);
                update.setObject(5, now());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The claimed link set a password (in some or all applications): it is used up. */
    public void finish(String hash) {
        move(hash, CLAIMED, USED);
    }

    /**
     * No application took the password (refused, or unreachable before anything was set): the link is active again,
     * unless it was revoked or superseded meanwhile.
     */
    public void release(String hash) {
        move(hash, CLAIMED, ACTIVE);
    }

    private void move(String hash, String from, String to) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE password_token SET state = ? WHERE token_hash = ? AND state = ?")) {
                update.setString(1, to);
                update.setString(2, hash);
                update.setString(3, from);
                return update.executeUpdate();
            }
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
