package io.provisioning.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The directory's users and their application links (JDBC). */
public class UserDirectory {

    static final String UNIQUE_VIOLATION = "23505";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_COLUMNS =
            "id, user_name, email, first_name, last_name, company, custom_attributes, active, onboarding_status, created_at, updated_at";

    private final DataSource dataSource;
    private final Outbox outbox;

    public UserDirectory(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * Adds a user and, in the same transaction, a pending link and an outbox item for each application that
     * provisions new users. Nothing is written when the user name is taken.
     */
    public User create(NewUser request, List<String> applications, String source) {
        OffsetDateTime now = now();
        User user = new User(UUID.randomUUID().toString(), request.userName(), request.email(), request.firstName(),
                request.lastName(), request.company(), request.customAttributes(), true,
                applications.isEmpty() ? "created" : "provisioning", now, now);
        return Jdbc.inTransaction(dataSource, connection -> {
            insertUser(connection, user);
            for (String application : applications) {
                insertPendingLink(connection, user.id(), application, now);
                outbox.enqueue(connection, user.id(), application, OutboxItem.CREATE, source, now);
            }
            return user;
        });
    }

    public Optional<User> find(String id) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM directory_user WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(toUser(rows)) : Optional.<User>empty();
                }
            }
        });
    }

    public User get(String id) {
        return find(id).orElseThrow(() -> new UserNotFoundException(id));
    }

    public List<ApplicationLink> links(String userId) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT application, state, record_id, error_code, error_message, updated_at FROM application_link"
                            + " WHERE user_id = ? ORDER BY application")) {
                select.setString(1, userId);
                List<ApplicationLink> links = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        links.add(new ApplicationLink(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getObject(6, OffsetDateTime.class)));
                    }
                }
                return links;
            }
        });
    }

    /** Records the outcome of provisioning in an application, and the user's overall onboarding status. */
    public void updateLink(String userId, String application, String state, String recordId, String errorCode,
            String errorMessage) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE application_link SET state = ?, record_id = COALESCE(?, record_id), error_code = ?,"
                            + " error_message = ?, updated_at = ? WHERE user_id = ? AND application = ?")) {
                update.setString(1, state);
                update.setString(2, recordId);
                update.setString(3, errorCode);
                update.setString(4, truncate(errorMessage, 2000));
                update.setObject(5, now());
                update.setString(6, userId);
                update.setString(7, application);
                update.executeUpdate();
            }
            refreshOnboardingStatus(connection, userId);
            return null;
        });
    }

    /** provisioned when every link is, failed when any failed, provisioning while any is pending. */
    private static void refreshOnboardingStatus(Connection connection, String userId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE directory_user SET onboarding_status = CASE"
                        + " WHEN EXISTS (SELECT 1 FROM application_link l WHERE l.user_id = ? AND l.state = 'failed') THEN 'failed'"
                        + " WHEN EXISTS (SELECT 1 FROM application_link l WHERE l.user_id = ? AND l.state = 'pending') THEN 'provisioning'"
                        + " ELSE 'provisioned' END, updated_at = ? WHERE id = ?")) {
            update.setString(1, userId);
            update.setString(2, userId);
            update.setObject(3, now());
            update.setString(4, userId);
            update.executeUpdate();
        }
    }

    private static void insertUser(Connection connection, User user) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO directory_user (" + USER_COLUMNS + ", user_name_key, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, user.id());
            insert.setString(2, user.userName());
            insert.setString(3, user.email());
            insert.setString(4, user.firstName());
            insert.setString(5, user.lastName());
            insert.setString(6, user.company());
            insert.setString(7, toJson(user.customAttributes()));
            insert.setBoolean(8, user.active());
            insert.setString(9, user.onboardingStatus());
            insert.setObject(10, user.createdAt());
            insert.setObject(11, user.updatedAt());
            insert.setString(12, user.userName().toLowerCase(Locale.ROOT));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new DuplicateUserException(user.userName());
            }
            throw e;
        }
    }

    private static void insertPendingLink(Connection connection, String userId, String application, OffsetDateTime now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO application_link (user_id, application, state, updated_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, userId);
            insert.setString(2, application);
            insert.setString(3, ApplicationLink.PENDING);
            insert.setObject(4, now);
            insert.executeUpdate();
        }
    }

    private static User toUser(ResultSet row) throws SQLException {
        return new User(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), fromJson(row.getString(7)), row.getBoolean(8), row.getString(9),
                row.getObject(10, OffsetDateTime.class), row.getObject(11, OffsetDateTime.class));
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String toJson(Map<String, Object> attributes) {
        try {
            return attributes == null || attributes.isEmpty() ? null : JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Custom attributes cannot be stored as JSON", e);
        }
    }

    private static Map<String, Object> fromJson(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored custom attributes are not valid JSON", e);
        }
    }
}
