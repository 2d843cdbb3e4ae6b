package io.provisioning.directory;

import io.provisioning.entitlements.AppliedGrant;
import io.provisioning.entitlements.EntitlementKind;
import io.provisioning.entitlements.Entitlements;
import io.provisioning.entitlements.Grant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Issue 20, the directory's side of entitlements: what each user should have per application ({@code
 * user_entitlement}, V23, written with the user's change) and the grants the bundle made ({@code applied_grant}, V24,
 * written after each entitlement step), so a later change removes only the bundle's own.
 */
public final class UserEntitlements {

    private final DataSource dataSource;

    public UserEntitlements(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A user's desired entitlements by application. */
    public Map<String, Entitlements> desired(String userId) {
        return Jdbc.inTransaction(dataSource, connection -> desired(connection, userId));
    }

    /** Several users' desired entitlements in one application (one entitlement step's batch). */
    public Map<String, Entitlements> desired(Collection<String> userIds, String application) {
        Map<String, Entitlements> all = new LinkedHashMap<>();
        for (String userId : userIds) {
            all.put(userId, desired(userId).getOrDefault(application, Entitlements.NONE));
        }
        return all;
    }

    static Map<String, Entitlements> desired(Connection connection, String userId) throws SQLException {
        Map<String, Map<EntitlementKind, List<String>>> byApp = new TreeMap<>();
        for (Row row : rows(connection, "user_entitlement", "CAST(NULL AS VARCHAR(18))", userId)) {
            byApp.computeIfAbsent(row.application(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(row.grant().kind(), k -> new ArrayList<>())
                    .add(row.grant().name());
        }
        Map<String, Entitlements> result = new LinkedHashMap<>();
        byApp.forEach((app, values) -> result.put(app, Entitlements.of(values)));
        return result;
    }

    /** A row of either table: the application, what is granted and (applied grants only) the record's id. */
    private record Row(String application, Grant grant, String recordId) {}

    /** A user's rows of one table, by application, kind and name; kinds this version does not know are left out. */
    private static List<Row> rows(Connection connection, String table, String recordColumn, String userId)
            throws SQLException {
        List<Row> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT application, kind, name, " + recordColumn
                + " FROM " + table + " WHERE user_id = ? ORDER BY application, kind, name")) {
            select.setString(1, userId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    java.util.Optional<EntitlementKind> kind = EntitlementKind.byKey(rows.getString(2));
                    if (kind.isPresent()) {
                        found.add(new Row(
                                rows.getString(1), new Grant(kind.get(), rows.getString(3)), rows.getString(4)));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Replaces the desired entitlements of the applications named in {@code given} (others keep theirs).
     *
     * @return the applications whose entitlements changed, with the entitlements they had before
     */
    static Map<String, Entitlements> replace(Connection connection, String userId, Map<String, Entitlements> given)
            throws SQLException {
        Map<String, Entitlements> changed = new LinkedHashMap<>();
        if (given == null || given.isEmpty()) {
            return changed;
        }
        Map<String, Entitlements> before = desired(connection, userId);
        for (Map.Entry<String, Entitlements> entry : given.entrySet()) {
            Entitlements old = before.getOrDefault(entry.getKey(), Entitlements.NONE);
            if (old.equals(entry.getValue())) {
                continue;
            }
            changed.put(entry.getKey(), old);
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM user_entitlement WHERE user_id = ? AND application = ?")) {
                delete.setString(1, userId);
                delete.setString(2, entry.getKey());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                if (bind(insert, userId, entry.getKey(), entry.getValue())) {
                    insert.executeBatch();
                }
            }
        }
        return changed;
    }

    /** New users' entitlements in one batch (the fast path of bulk files), {@code ids} in the order of requests. */
    static void insertAll(Connection connection, List<String> ids, List<NewUser> requests) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            boolean any = false;
            for (int r = 0; r < requests.size(); r++) {
                for (Map.Entry<String, Entitlements> app :
                        requests.get(r).entitlements().entrySet()) {
                    any |= bind(insert, ids.get(r), app.getKey(), app.getValue());
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    private static final String INSERT =
            "INSERT INTO user_entitlement (user_id, application, kind, name) VALUES (?, ?, ?, ?)";

    /** @return whether any row was added to the batch */
    private static boolean bind(PreparedStatement insert, String userId, String application, Entitlements entitlements)
            throws SQLException {
        boolean any = false;
        for (Map.Entry<EntitlementKind, Set<String>> kind :
                entitlements.byKind().entrySet()) {
            for (String name : kind.getValue()) {
                insert.setString(1, userId);
                insert.setString(2, application);
                insert.setString(3, kind.getKey().key());
                insert.setString(4, name);
                insert.addBatch();
                any = true;
            }
        }
        return any;
    }

    /** The grants the bundle made for a user, by application (profile and role included). */
    public Map<String, List<AppliedGrant>> applied(String userId) {
        return Jdbc.inTransaction(dataSource, connection -> {
            Map<String, List<AppliedGrant>> byApp = new TreeMap<>();
            for (Row row : rows(connection, "applied_grant", "record_id", userId)) {
                byApp.computeIfAbsent(row.application(), a -> new ArrayList<>())
                        .add(new AppliedGrant(row.grant(), row.recordId()));
            }
            return byApp;
        });
    }

    /** The grants the bundle made for each of several users in one application. */
    public Map<String, List<AppliedGrant>> applied(Collection<String> userIds, String application) {
        Map<String, List<AppliedGrant>> all = new LinkedHashMap<>();
        for (String userId : userIds) {
            all.put(userId, applied(userId).getOrDefault(application, List.of()));
        }
        return all;
    }

    /** After an entitlement step: what each user now holds from the bundle in the application, in one transaction. */
    public void recordApplied(String application, Map<String, List<AppliedGrant>> nowByUser) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM applied_grant WHERE user_id = ? AND application = ?");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO applied_grant (user_id, application, kind, name, record_id, applied_at)"
                                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, List<AppliedGrant>> user : nowByUser.entrySet()) {
                    delete.setString(1, user.getKey());
                    delete.setString(2, application);
                    delete.addBatch();
                    Set<Grant> seen = new LinkedHashSet<>();
                    for (AppliedGrant applied : user.getValue()) {
                        if (!seen.add(applied.grant())) {
                            continue;
                        }
                        insert.setString(1, user.getKey());
                        insert.setString(2, application);
                        insert.setString(3, applied.grant().kind().key());
                        insert.setString(4, applied.grant().name());
                        insert.setString(5, applied.recordId());
                        insert.setObject(6, UserDirectory.now());
                        insert.addBatch();
                    }
                }
                delete.executeBatch();
                insert.executeBatch();
            }
            return null;
        });
    }
}
