package io.provisioning.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;

/**
 * Revokes a user's open reset links (pending, active or being used) when the account changes under them: a
 * deactivated user must not set a password, and a link mailed to a former address must not outlive the address.
 * Written in the transaction of the change; the states are {@code io.provisioning.password.ResetTokens}'s.
 */
final class OpenResetLinks {

    private OpenResetLinks() {}

    /** Revokes the open links when {@code after} is deactivated or has another e-mail address than {@code before}. */
    static void revokeIfAccountChanged(Connection connection, User before, User after) throws SQLException {
        boolean deactivated = before.active() && !after.active();
        boolean newAddress = !Objects.equals(lower(before.email()), lower(after.email()));
        if (!deactivated && !newAddress) {
            return;
        }
        try (PreparedStatement revoke = connection.prepareStatement("UPDATE password_token SET state = 'revoked'"
                + " WHERE user_id = ? AND state IN ('pending', 'active', 'claimed')")) {
            revoke.setString(1, before.id());
            revoke.executeUpdate();
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
