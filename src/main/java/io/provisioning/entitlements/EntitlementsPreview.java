package io.provisioning.entitlements;

import io.provisioning.directory.UserEntitlements;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entitlement part of a dry run: per User application a request gives entitlements for, what the entitlement step
 * would add and remove, by kind and name. The same merge as the step ({@link EntitlementPlan}: the request's
 * entitlements plus the SCIM groups', against what the bundle made); names are not looked up (Salesforce is not
 * called), so an unknown name shows here and fails only in the real run.
 */
public final class EntitlementsPreview {

    /** One application's changes, each side by kind key (profile and role a name, the other kinds lists). */
    public record Change(Map<String, Object> add, Map<String, Object> remove) {

        /** One line, e.g. {@code add permissionSets: API_Enabled; remove permissionSets: Service_Agent}. */
        public String text() {
            List<String> parts = new java.util.ArrayList<>();
            add.forEach((kind, names) -> parts.add("add " + kind + ": " + names(names)));
            remove.forEach((kind, names) -> parts.add("remove " + kind + ": " + names(names)));
            return String.join("; ", parts);
        }

        private static String names(Object names) {
            return names instanceof List<?> list
                    ? String.join(", ", list.stream().map(String::valueOf).toList())
                    : String.valueOf(names);
        }
    }

    private final UserEntitlements store;
    private final GroupGrants groups;
    private final Set<String> userApplications;

    EntitlementsPreview(UserEntitlements store, GroupGrants groups, Set<String> userApplications) {
        this.store = store;
        this.groups = groups;
        this.userApplications = userApplications;
    }

    /**
     * @param userId the user, or null for a new one (nothing applied, no groups yet)
     * @param requested the request's entitlements by application (those not given keep theirs: no change)
     * @param linked the applications the user is (or would be) linked to
     * @return per application with a change: {@code add} and {@code remove}, each by kind
     */
    public Map<String, Change> changes(String userId, Map<String, Entitlements> requested, Collection<String> linked) {
        Map<String, Change> changes = new LinkedHashMap<>();
        if (requested == null) {
            return changes;
        }
        Map<String, List<AppliedGrant>> applied = userId == null ? Map.of() : store.applied(userId);
        for (String application : linked) {
            Entitlements given = requested.get(application);
            if (given == null || !userApplications.contains(application)) {
                continue;
            }
            Entitlements wanted = userId == null
                    ? given
                    : given.plus(groups.forUsers(List.of(userId), application).getOrDefault(userId, Entitlements.NONE));
            List<AppliedGrant> made = applied.getOrDefault(application, List.of());
            EntitlementPlan plan = EntitlementPlan.of(
                    wanted,
                    made.stream().filter(a -> !a.grant().kind().isUserField()).toList());
            Map<EntitlementKind, Set<String>> add = new LinkedHashMap<>();
            plan.adds().forEach(g -> add.computeIfAbsent(g.kind(), k -> new TreeSet<>())
                    .add(g.name()));
            for (Grant field : List.of(
                    new Grant(EntitlementKind.PROFILE, wanted.profile()),
                    new Grant(EntitlementKind.ROLE, wanted.role()))) {
                // profile and role: set on the User when the bundle has not set this one (none is left as it is)
                if (field.name() != null
                        && made.stream().noneMatch(a -> a.grant().equals(field))) {
                    add.put(field.kind(), Set.of(field.name()));
                }
            }
            Map<EntitlementKind, Set<String>> remove = new LinkedHashMap<>();
            plan.removes().forEach(a -> remove.computeIfAbsent(a.grant().kind(), k -> new TreeSet<>())
                    .add(a.grant().name()));
            if (!add.isEmpty() || !remove.isEmpty()) {
                changes.put(application, new Change(EntitlementsView.byKey(add), EntitlementsView.byKey(remove)));
            }
        }
        return changes;
    }
}
