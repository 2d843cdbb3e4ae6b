package io.provisioning.entitlements;

import io.provisioning.directory.UserEntitlements;
import io.provisioning.salesforce.NameResolver;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.UserFieldsHook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A User write carries the profile and role of the user's entitlements as ids (cached SOQL by name), in place of the
 * mapping's defaults. A name the org does not have leaves the mapping's value: the entitlement step then fails with
 * the name, the user write does not.
 */
final class UserAccessFields implements UserFieldsHook {

    private final UserEntitlements store;
    private final GroupGrants groups;
    private final NameResolver names;

    UserAccessFields(UserEntitlements store, GroupGrants groups, NameResolver names) {
        this.store = store;
        this.groups = groups;
        this.names = names;
    }

    @Override
    public Map<String, Object> fields(SalesforceApplication application, String userId, Map<String, Object> mapped) {
        if (!"User".equals(application.sObject())) {
            return mapped;
        }
        Entitlements wanted = store.desired(userId)
                .getOrDefault(application.name(), Entitlements.NONE)
                .plus(groups.forUsers(List.of(userId), application.name()).getOrDefault(userId, Entitlements.NONE));
        Map<String, Object> fields = new LinkedHashMap<>(mapped);
        put(fields, application.name(), EntitlementKind.PROFILE, wanted.profile());
        put(fields, application.name(), EntitlementKind.ROLE, wanted.role());
        return fields;
    }

    private void put(Map<String, Object> fields, String application, EntitlementKind kind, String name) {
        if (name == null) {
            return;
        }
        try {
            fields.put(kind.userField(), names.resolve(application, kind.reference(name)));
        } catch (Exception e) {
            // unknown name or the lookup failed: reported by the entitlement step, the user write goes ahead
        }
    }
}
