package io.provisioning.password;

import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.Jdbc;
import java.sql.PreparedStatement;
import javax.sql.DataSource;

/**
 * A user's activation state ({@code directory_user.activation_status}: mail-pending, invited, activated, failed with
 * a reason) and, from it and the application links, the onboarding status.
 */
public class ActivationStates {

    public static final String MAIL_PENDING = "mail-pending";
    public static final String INVITED = "invited";
    public static final String ACTIVATED = "activated";
    public static final String FAILED = "failed";

    private final DataSource dataSource;

    public ActivationStates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param reason null unless failed */
    public void set(String userId, String status, String reason) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE directory_user SET activation_status = ?, activation_error = ? WHERE id = ?")) {
                update.setString(1, status);
                update.setString(2, reason == null || reason.length() <= 2000 ? reason : reason.substring(0, 2000));
                update.setString(3, userId);
                update.executeUpdate();
            }
            ApplicationLinks.refreshOnboardingStatus(connection, userId);
            return null;
        });
    }

    /** The reason of a failed activation, or null. */
    public String reason(String userId) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT activation_error FROM directory_user WHERE id = ?")) {
                select.setString(1, userId);
                try (var row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
    }
}
