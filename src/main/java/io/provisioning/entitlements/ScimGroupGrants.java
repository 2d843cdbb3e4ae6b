package io.provisioning.entitlements;

import io.provisioning.directory.GroupMemberships;
import io.provisioning.directory.Jdbc;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The entitlements users get from their SCIM groups, by the {@code provisioning.scim.groups.*} table. */
final class ScimGroupGrants implements GroupGrants {

    private final DataSource dataSource;
    private final EntitlementSettings settings;

    ScimGroupGrants(DataSource dataSource, EntitlementSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    @Override
    public Map<String, Entitlements> forUsers(Collection<String> userIds, String application) {
        if (settings.groups().isEmpty() || userIds.isEmpty()) {
            return Map.of(); // no group is mapped: nothing to read
        }
        Map<String, List<GroupMemberships.Group>> groups =
                Jdbc.inTransaction(dataSource, connection -> GroupMemberships.of(connection, userIds, null));
        Map<String, Entitlements> byUser = new LinkedHashMap<>();
        groups.forEach((userId, memberOf) -> {
            Entitlements granted = EntitlementSettings.granted(
                            settings.groups(),
                            memberOf.stream()
                                    .map(GroupMemberships.Group::displayName)
                                    .toList())
                    .get(application);
            if (granted != null) {
                byUser.put(userId, granted);
            }
        });
        return byUser;
    }
}
