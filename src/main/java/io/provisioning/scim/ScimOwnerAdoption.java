package io.provisioning.scim;

import io.provisioning.directory.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up follow-up of migration V14 (SCIM owners). V14 left the SCIM users and groups written before it without an
 * owner, so only admin providers see them; an install upgraded with a single identity provider would see none of its
 * users, and the provider would try to create them again (409). With exactly one provider configured, the ownerless
 * rows can only be its own: they are given to it, in one transaction. With several, the bundle cannot tell whose they
 * are: they stay ownerless and a warning says how to give them away.
 *
 * <p>Which ownerless rows came through SCIM: a directory user created outside SCIM (HTTP API, files, queue, import)
 * has no {@code scim_user} row at all, so it is never touched. Every SCIM write of a user stores the resource the
 * provider sent (at least its {@code userName}); the one exception is a SCIM DELETE of a user that no provider had
 * written (an HTTP API user deleted by an admin provider, or by any token before V14), which inserts the empty
 * resource {@code {}} and no owner. That user was never the provider's, so it stays ownerless. Every group row was
 * created through SCIM, and since V14 always with an owner.
 */
final class ScimOwnerAdoption {

    private static final Logger LOG = LoggerFactory.getLogger(ScimOwnerAdoption.class);

    /** scim_user rows written through SCIM that have no owner (see the class comment for the empty resource). */
    static final String OWNERLESS_USERS = "owner IS NULL AND resource <> '{}'";
    /** Shown in the warning and in docs/scim.md: the statements that give the ownerless rows to one provider. */
    static final String SQL = "UPDATE scim_user SET owner = '<provider>' WHERE " + OWNERLESS_USERS
            + "; UPDATE scim_group SET owner = '<provider>' WHERE owner IS NULL";

    private ScimOwnerAdoption() {}

    /** What one start found and did. */
    record Result(int users, int groups, int groupsLeft) {}

    /** Adopts the ownerless SCIM rows for the only provider, or warns when there are several; logs what it did. */
    static Result run(DataSource dataSource, List<ScimProvider> providers) {
        if (providers.isEmpty()) {
            return new Result(0, 0, 0); // SCIM is off: nobody sees SCIM rows; the next start with tokens decides
        }
        if (providers.size() > 1) {
            Result found = Jdbc.inTransaction(
                    dataSource,
                    connection -> new Result(
                            count(connection, "SELECT COUNT(*) FROM scim_user WHERE " + OWNERLESS_USERS),
                            count(connection, "SELECT COUNT(*) FROM scim_group WHERE owner IS NULL"),
                            0));
            if (found.users() + found.groups() > 0) {
                LOG.warn(
                        "SCIM: {} written through SCIM before owners existed (migration V14) have no owner, so only"
                                + " admin providers (provisioning.scim.admin-providers) see them. With {} providers the bundle"
                                + " cannot tell whose they are: name the provider that created them in"
                                + " provisioning.scim.admin-providers, or give them to it once in SQL (docs/scim.md): {}",
                        counts(found.users(), found.groups()),
                        providers.size(),
                        SQL);
            }
            return found;
        }
        String owner = providers.get(0).name();
        Result adopted = Jdbc.inTransaction(dataSource, connection -> adopt(connection, owner));
        String left = adopted.groupsLeft() == 0
                ? ""
                : "; " + plural(adopted.groupsLeft(), "ownerless group") + " left to admin providers: " + owner
                        + " already has a group of the same name (group names are unique per provider)";
        if (adopted.users() + adopted.groups() > 0) {
            LOG.info(
                    "SCIM: gave provider {} the {} written through SCIM before owners existed (migration V14){}",
                    owner,
                    counts(adopted.users(), adopted.groups()),
                    left);
        } else if (adopted.groupsLeft() > 0) {
            LOG.warn("SCIM: {} (docs/scim.md)", left.substring(2));
        }
        return adopted;
    }

    private static Result adopt(Connection connection, String owner) throws SQLException {
        int users;
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE scim_user SET owner = ? WHERE " + OWNERLESS_USERS)) {
            update.setString(1, owner);
            users = update.executeUpdate();
        }
        int groups;
        // A group the provider pushed again after the upgrade (it could not see the old one) keeps the name: the old
        // one stays ownerless rather than breaking the unique (owner, name) index and with it the whole adoption.
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE scim_group g SET owner = ? WHERE g.owner IS NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM scim_group o WHERE o.owner = ? AND o.display_name_key = g.display_name_key)")) {
            update.setString(1, owner);
            update.setString(2, owner);
            groups = update.executeUpdate();
        }
        return new Result(users, groups, count(connection, "SELECT COUNT(*) FROM scim_group WHERE owner IS NULL"));
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String counts(int users, int groups) {
        return plural(users, "user") + " and " + plural(groups, "group");
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
