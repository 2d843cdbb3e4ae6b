package io.provisioning.entitlements;

import java.util.Collection;
import java.util.Map;

/**
 * Entitlements a user has through its groups rather than its own request: SCIM group memberships mapped by the
 * settings {@code provisioning.scim.groups.<display name>=<app>:<kind>:<name>} ({@link ScimGroupGrants}).
 */
@FunctionalInterface
public interface GroupGrants {

    GroupGrants NONE = (userIds, application) -> Map.of();

    /** Per user (users without any left out): the entitlements in the application its groups give. */
    Map<String, Entitlements> forUsers(Collection<String> userIds, String application);
}
