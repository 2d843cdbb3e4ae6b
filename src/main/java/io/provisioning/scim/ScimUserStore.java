package io.provisioning.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioning.directory.AlongWith;
import io.provisioning.directory.GroupMemberships;
import io.provisioning.directory.Jdbc;
import io.provisioning.directory.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The SCIM side of directory users ({@code scim_user}): reads a user with its stored SCIM attributes, lists users by
 * a filter translated to parameterized SQL, and writes the SCIM row inside the directory's own transaction
 * ({@link AlongWith}). A user deleted through SCIM keeps its directory row (inactive) and is hidden from SCIM.
 * Every read is limited to what the requesting provider sees ({@link ScimProvider}: its own users, or all).
 */
public class ScimUserStore {

    /** Filterable attributes ({@link AttrPath#key()}) and their columns. */
    public static final Map<String, FilterSql.Column> COLUMNS = Map.ofEntries(
            Map.entry("id", new FilterSql.Column("u.id", FilterSql.Kind.EXACT)),
            Map.entry("username", new FilterSql.Column("u.user_name_key", FilterSql.Kind.KEY)),
            Map.entry("externalid", new FilterSql.Column("s.external_id", FilterSql.Kind.EXACT)),
            Map.entry("displayname", new FilterSql.Column("s.display_name", FilterSql.Kind.TEXT)),
            Map.entry("name.givenname", new FilterSql.Column("u.first_name", FilterSql.Kind.TEXT)),
            Map.entry("name.familyname", new FilterSql.Column("u.last_name", FilterSql.Kind.TEXT)),
            Map.entry("emails.value", new FilterSql.Column("u.email_key", FilterSql.Kind.KEY)),
            Map.entry("active", new FilterSql.Column("u.active", FilterSql.Kind.BOOLEAN)),
            Map.entry("meta.created", new FilterSql.Column("u.created_at", FilterSql.Kind.TIMESTAMP)),
            Map.entry("meta.lastmodified", new FilterSql.Column("u.updated_at", FilterSql.Kind.TIMESTAMP)),
            Map.entry(
                    (ScimSchemas.ENTERPRISE_USER + ":employeeNumber").toLowerCase(java.util.Locale.ROOT),
                    new FilterSql.Column("s.employee_number", FilterSql.Kind.EXACT)),
            Map.entry(
                    (ScimSchemas.ENTERPRISE_USER + ":organization").toLowerCase(java.util.Locale.ROOT),
                    new FilterSql.Column("u.company", FilterSql.Kind.TEXT)));

    private static final String SELECT = "SELECT u.id, u.user_name, u.email, u.first_name, u.last_name, u.company,"
            + " u.custom_attributes, u.active, u.onboarding_status, u.created_at, u.updated_at, u.version,"
            + " s.resource, s.version, s.updated_at"
            + " FROM directory_user u LEFT JOIN scim_user s ON s.user_id = u.id";
    private static final String VISIBLE = " COALESCE(s.deleted, FALSE) = FALSE";

    private final DataSource dataSource;

    public ScimUserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ScimUserRow> find(String id, ScimProvider provider) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    SELECT + " WHERE u.id = ? AND" + VISIBLE + provider.condition("s.owner"))) {
                select.setString(1, id);
                bind(select, 2, provider.parameters());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    ScimUserRow row = toRow(rows);
                    return Optional.of(
                            withGroups(connection, List.of(row), provider).get(0));
                }
            }
        });
    }

    /**
     * The id of this provider's directory user with this user name (case-insensitive) when it was deleted through SCIM.
     */
    public Optional<String> deletedUserId(String userName, ScimProvider provider) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT u.id FROM directory_user u JOIN scim_user s"
                            + " ON s.user_id = u.id WHERE u.user_name_key = ? AND s.deleted = TRUE"
                            + provider.condition("s.owner"))) {
                select.setString(1, userName.toLowerCase(java.util.Locale.ROOT));
                bind(select, 2, provider.parameters());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public ResultPage<ScimUserRow> list(FilterSql.Condition condition, int offset, int limit, ScimProvider provider) {
        String where = " WHERE" + VISIBLE + provider.condition("s.owner")
                + (condition == null ? "" : " AND " + condition.sql());
        List<Object> parameters = new java.util.ArrayList<>(provider.parameters());
        if (condition != null) {
            parameters.addAll(condition.parameters());
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            ResultPage<ScimUserRow> page = ResultPage.query(
                    connection,
                    "SELECT COUNT(*) FROM directory_user u LEFT JOIN scim_user s ON s.user_id = u.id" + where,
                    SELECT + where + " ORDER BY u.created_at, u.id LIMIT ? OFFSET ?",
                    parameters,
                    offset,
                    limit,
                    ScimUserStore::toRow);
            return new ResultPage<>(page.total(), withGroups(connection, page.rows(), provider));
        });
    }

    /** The rows with the groups (that the provider sees) each user belongs to: one query per page. */
    private static List<ScimUserRow> withGroups(Connection connection, List<ScimUserRow> rows, ScimProvider provider)
            throws SQLException {
        Map<String, List<GroupMemberships.Group>> groups = GroupMemberships.of(
                connection, rows.stream().map(r -> r.user().id()).toList(), provider.admin() ? null : provider.name());
        return rows.stream()
                .map(r -> r.withGroups(groups.getOrDefault(r.user().id(), List.of())))
                .toList();
    }

    private static void bind(PreparedStatement statement, int from, List<Object> parameters) throws SQLException {
        int i = from;
        for (Object parameter : parameters) {
            statement.setObject(i++, parameter);
        }
    }

    /**
     * Writes the SCIM row of a user in the directory's transaction.
     *
     * @param expectedVersion the SCIM version the request was based on (If-Match or the version read before a
     *        PATCH), or null; a different version (a concurrent change) fails with 412 and rolls everything back
     */
    public AlongWith write(ScimUserMapper.Incoming incoming, Long expectedVersion, ScimProvider provider) {
        return (connection, user) -> upsert(
                connection,
                user.id(),
                incoming.stored(),
                incoming.externalId(),
                incoming.displayName(),
                incoming.employeeNumber(),
                false,
                expectedVersion,
                provider.name());
    }

    /** Marks the user deleted for SCIM (its directory row stays, inactive). */
    public AlongWith markDeleted(Long expectedVersion) {
        return (connection, user) -> upsert(connection, user.id(), null, null, null, null, true, expectedVersion, null);
    }

    private static void upsert(
            Connection connection,
            String userId,
            ObjectNode resource,
            String externalId,
            String displayName,
            String employeeNumber,
            boolean deleted,
            Long expectedVersion,
            String owner)
            throws SQLException {
        Long version = null;
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT version FROM scim_user WHERE user_id = ? FOR UPDATE")) {
            lock.setString(1, userId);
            try (ResultSet rows = lock.executeQuery()) {
                if (rows.next()) {
                    version = rows.getLong(1);
                }
            }
        }
        if (expectedVersion != null && expectedVersion != (version == null ? 0 : version)) {
            throw ScimException.preconditionFailed("The resource was changed by another request; read it again");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (deleted) {
            ScimGroupStore.removeMember(connection, userId);
        }
        if (version == null) {
            // The first SCIM write of a user makes its provider the owner; later writes (an admin's too) keep it.
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO scim_user (user_id, external_id,"
                    + " display_name, employee_number, resource, deleted, version, created_at, updated_at, owner)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)")) {
                insert.setString(1, userId);
                insert.setString(2, externalId);
                insert.setString(3, displayName);
                insert.setString(4, employeeNumber);
                insert.setString(5, resource == null ? "{}" : ScimJson.write(resource));
                insert.setBoolean(6, deleted);
                insert.setObject(7, now);
                insert.setObject(8, now);
                insert.setString(9, owner);
                insert.executeUpdate();
            }
        } else if (deleted) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE scim_user SET deleted = TRUE, version = version + 1, updated_at = ? WHERE user_id = ?")) {
                update.setObject(1, now);
                update.setString(2, userId);
                update.executeUpdate();
            }
        } else {
            try (PreparedStatement update = connection.prepareStatement("UPDATE scim_user SET external_id = ?,"
                    + " display_name = ?, employee_number = ?, resource = ?, deleted = FALSE, version = version + 1,"
                    + " updated_at = ? WHERE user_id = ?")) {
                update.setString(1, externalId);
                update.setString(2, displayName);
                update.setString(3, employeeNumber);
                update.setString(4, ScimJson.write(resource));
                update.setObject(5, now);
                update.setString(6, userId);
                update.executeUpdate();
            }
        }
    }

    private static ScimUserRow toRow(ResultSet row) throws SQLException {
        User user = new User(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                custom(row.getString(7)),
                row.getBoolean(8),
                row.getString(9),
                row.getObject(10, OffsetDateTime.class),
                row.getObject(11, OffsetDateTime.class));
        String resource = row.getString(13);
        return new ScimUserRow(
                user,
                row.getLong(12),
                resource == null ? null : ScimJson.parseStored(resource),
                row.getLong(14),
                row.getObject(15, OffsetDateTime.class));
    }

    private static Map<String, Object> custom(String json) {
        try {
            return json == null
                    ? Map.of()
                    : ScimJson.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored attributes are not valid JSON", e);
        }
    }
}
