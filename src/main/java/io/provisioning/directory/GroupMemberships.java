package io.provisioning.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The groups each user belongs to (groups an identity provider pushed through SCIM, kept in the directory), so the
 * views and, later, the applications can use them.
 */
public final class GroupMemberships {

    /** Ids per query: far below every database's limit on bound parameters. */
    private static final int CHUNK = 500;

    public record Group(String id, String displayName) {}

    private GroupMemberships() {}

    /** The groups of one user, by name. */
    public static List<Group> of(DataSource dataSource, String userId) {
        return Jdbc.inTransaction(
                dataSource, connection -> of(connection, List.of(userId), null).getOrDefault(userId, List.of()));
    }

    /**
     * The groups of each user (users without any are left out), by name.
     *
     * @param owner only the groups of this owner (a SCIM provider), or null for every group
     */
    public static Map<String, List<Group>> of(Connection connection, Collection<String> userIds, String owner)
            throws SQLException {
        Map<String, List<Group>> groups = new LinkedHashMap<>();
        List<String> ids = List.copyOf(userIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String sql =
                    "SELECT m.user_id, g.id, g.display_name FROM scim_group_member m JOIN scim_group g ON g.id = m.group_id"
                            + " WHERE m.user_id IN ("
                            + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")"
                            + (owner == null ? "" : " AND g.owner = ?") + " ORDER BY g.display_name_key, g.id";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int i = 1;
                for (String id : chunk) {
                    select.setString(i++, id);
                }
                if (owner != null) {
                    select.setString(i, owner);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        groups.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                                .add(new Group(rows.getString(2), rows.getString(3)));
                    }
                }
            }
        }
        return groups;
    }
}
