package io.provisioning.scim;

import io.provisioning.directory.Jdbc;
import io.provisioning.support.TimeOrderedIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Groups and their members ({@code scim_group}, {@code scim_group_member}). Members are directory users the provider
 * sees; each group belongs to the provider that created it ({@link ScimProvider}). Members are checked and written
 * in batches inside one transaction, so a PATCH adding or removing hundreds of members costs a few statements.
 */
public class ScimGroupStore {

    public static final Map<String, FilterSql.Column> COLUMNS = Map.of(
            "id", new FilterSql.Column("g.id", FilterSql.Kind.EXACT),
            "displayname", new FilterSql.Column("g.display_name_key", FilterSql.Kind.KEY),
            "externalid", new FilterSql.Column("g.external_id", FilterSql.Kind.EXACT),
            "members.value",
                    new FilterSql.Column(
                            "EXISTS (SELECT 1 FROM scim_group_member m WHERE m.group_id = g.id AND m.user_id = ?)",
                            FilterSql.Kind.EXISTS),
            "meta.created", new FilterSql.Column("g.created_at", FilterSql.Kind.TIMESTAMP),
            "meta.lastmodified", new FilterSql.Column("g.updated_at", FilterSql.Kind.TIMESTAMP));

    private static final String SELECT =
            "SELECT g.id, g.display_name, g.external_id, g.version, g.created_at, g.updated_at" + " FROM scim_group g";
    private static final String UNIQUE_VIOLATION = "23505";
    /** Ids per statement: far below every database's limit on bound parameters. */
    private static final int CHUNK = 500;

    /** Issue 20: told, in the group change's transaction, whose memberships changed (groups may give entitlements). */
    @FunctionalInterface
    public interface MembersChanged {
        MembersChanged NOTHING = (connection, userIds) -> {};

        void changed(Connection connection, Set<String> userIds) throws SQLException;
    }

    private final DataSource dataSource;
    private final MembersChanged membersChanged;

    public ScimGroupStore(DataSource dataSource) {
        this(dataSource, MembersChanged.NOTHING);
    }

    public ScimGroupStore(DataSource dataSource, MembersChanged membersChanged) {
        this.dataSource = dataSource;
        this.membersChanged = membersChanged;
    }

    public String create(ScimGroupMapper.Incoming group, ScimProvider provider) {
        String id = TimeOrderedIds.next();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO scim_group (id, display_name,"
                            + " display_name_key, external_id, version, created_at, updated_at, owner) VALUES (?, ?, ?, ?, 1, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, group.displayName());
                insert.setString(3, group.displayName().toLowerCase(Locale.ROOT));
                insert.setString(4, group.externalId());
                insert.setObject(5, now);
                insert.setObject(6, now);
                insert.setString(7, provider.name());
                insert.executeUpdate();
            } catch (SQLException e) {
                throw duplicateOr(e, group.displayName());
            }
            insertMembers(connection, id, group, provider);
            membersChanged.changed(connection, new HashSet<>(group.memberIds()));
            return id;
        });
    }

    public Optional<ScimGroupRow> find(String id, boolean withMembers, ScimProvider provider) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement(SELECT + " WHERE g.id = ?" + provider.condition("g.owner"))) {
                select.setString(1, id);
                if (!provider.admin()) {
                    select.setString(2, provider.name());
                }
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(toRow(connection, rows, withMembers)) : Optional.empty();
                }
            }
        });
    }

    /** A page of groups, oldest first, and how many match in all. */
    public ResultPage<ScimGroupRow> list(
            FilterSql.Condition condition, int offset, int limit, boolean withMembers, ScimProvider provider) {
        String where =
                " WHERE 1 = 1" + provider.condition("g.owner") + (condition == null ? "" : " AND " + condition.sql());
        List<Object> parameters = new ArrayList<>(provider.parameters());
        if (condition != null) {
            parameters.addAll(condition.parameters());
        }
        return Jdbc.inTransaction(
                dataSource,
                connection -> ResultPage.query(
                        connection,
                        "SELECT COUNT(*) FROM scim_group g" + where,
                        SELECT + where + " ORDER BY g.created_at, g.id LIMIT ? OFFSET ?",
                        parameters,
                        offset,
                        limit,
                        row -> toRow(connection, row, withMembers)));
    }

    /**
     * Replaces name, external id and members; {@code expectedVersion} as read by the request (412 when changed since).
     */
    public void replace(String id, ScimGroupMapper.Incoming group, long expectedVersion, ScimProvider provider) {
        Jdbc.inTransaction(dataSource, connection -> {
            lock(connection, id, expectedVersion);
            try (PreparedStatement update = connection.prepareStatement("UPDATE scim_group SET display_name = ?,"
                    + " display_name_key = ?, external_id = ?, version = version + 1, updated_at = ? WHERE id = ?")) {
                update.setString(1, group.displayName());
                update.setString(2, group.displayName().toLowerCase(Locale.ROOT));
                update.setString(3, group.externalId());
                update.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                update.setString(5, id);
                update.executeUpdate();
            } catch (SQLException e) {
                throw duplicateOr(e, group.displayName());
            }
            Set<String> changed = members(connection, id);
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM scim_group_member WHERE group_id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            insertMembers(connection, id, group, provider);
            changed.addAll(group.memberIds());
            membersChanged.changed(connection, changed);
            return null;
        });
    }

    public void delete(String id, long expectedVersion) {
        Jdbc.inTransaction(dataSource, connection -> {
            lock(connection, id, expectedVersion);
            Set<String> members = members(connection, id);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM scim_group WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            membersChanged.changed(connection, members);
            return null;
        });
    }

    /** Drops a user from every group (the user was deleted through SCIM); runs in the caller's transaction. */
    static void removeMember(Connection connection, String userId) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM scim_group_member WHERE user_id = ?")) {
            delete.setString(1, userId);
            delete.executeUpdate();
        }
    }

    private static Set<String> members(Connection connection, String groupId) throws SQLException {
        Set<String> members = new HashSet<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT user_id FROM scim_group_member WHERE group_id = ?")) {
            select.setString(1, groupId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    members.add(rows.getString(1));
                }
            }
        }
        return members;
    }

    private static void lock(Connection connection, String id, long expectedVersion) throws SQLException {
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT version FROM scim_group WHERE id = ? FOR UPDATE")) {
            lock.setString(1, id);
            try (ResultSet rows = lock.executeQuery()) {
                if (!rows.next()) {
                    throw ScimException.notFound("Group", id);
                }
                if (rows.getLong(1) != expectedVersion) {
                    throw ScimException.preconditionFailed("The group was changed by another request; read it again");
                }
            }
        }
    }

    /** Checks that every member is a user the provider sees (one query per chunk), then inserts them in batches. */
    private static void insertMembers(
            Connection connection, String groupId, ScimGroupMapper.Incoming group, ScimProvider provider)
            throws SQLException {
        List<String> ids = List.copyOf(group.memberIds());
        Set<String> known = new HashSet<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try (PreparedStatement check =
                    connection.prepareStatement("SELECT u.id FROM directory_user u LEFT JOIN scim_user s"
                            + " ON s.user_id = u.id WHERE u.id IN ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?"))
                            + ") AND COALESCE(s.deleted, FALSE) = FALSE" + provider.condition("s.owner"))) {
                int i = 1;
                for (String id : chunk) {
                    check.setString(i++, id);
                }
                if (!provider.admin()) {
                    check.setString(i, provider.name());
                }
                try (ResultSet rows = check.executeQuery()) {
                    while (rows.next()) {
                        known.add(rows.getString(1));
                    }
                }
            }
        }
        List<String> unknown =
                ids.stream().filter(id -> !known.contains(id)).limit(5).toList();
        if (!unknown.isEmpty()) {
            throw ScimException.invalidValue("Members must be known users; not found: " + String.join(", ", unknown));
        }
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO scim_group_member (group_id, user_id) VALUES (?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                insert.setString(1, groupId);
                insert.setString(2, ids.get(i));
                insert.addBatch();
                if ((i + 1) % CHUNK == 0 || i == ids.size() - 1) {
                    insert.executeBatch();
                }
            }
        }
    }

    private static ScimGroupRow toRow(Connection connection, ResultSet row, boolean withMembers) throws SQLException {
        String id = row.getString(1);
        List<ScimGroupRow.Member> members = new ArrayList<>();
        if (withMembers) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT u.id, u.user_name FROM scim_group_member m"
                            + " JOIN directory_user u ON u.id = m.user_id WHERE m.group_id = ? ORDER BY u.user_name_key")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        members.add(new ScimGroupRow.Member(rows.getString(1), rows.getString(2)));
                    }
                }
            }
        }
        return new ScimGroupRow(
                id,
                row.getString(2),
                row.getString(3),
                row.getLong(4),
                row.getObject(5, OffsetDateTime.class),
                row.getObject(6, OffsetDateTime.class),
                members);
    }

    private static RuntimeException duplicateOr(SQLException e, String displayName) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return ScimException.uniqueness("A group named '" + displayName + "' already exists");
        }
        return new IllegalStateException("Directory database error: " + e.getMessage(), e);
    }
}
