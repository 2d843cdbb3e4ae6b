package io.provisioning.entitlements;

import io.provisioning.directory.UserEntitlements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code entitlements} of the user view ({@code GET /api/users/{id}}): per application, what the user should have
 * ({@code desired}: its own request plus its SCIM groups') and what the bundle has applied in the org ({@code
 * applied}), each by kind and name.
 */
final class EntitlementsView implements Function<String, Map<String, Object>> {

    private final UserEntitlements store;
    private final GroupGrants groups;
    private final Set<String> applications;

    EntitlementsView(UserEntitlements store, GroupGrants groups, Set<String> applications) {
        this.store = store;
        this.groups = groups;
        this.applications = applications;
    }

    @Override
    public Map<String, Object> apply(String userId) {
        Map<String, Entitlements> desired = new TreeMap<>(store.desired(userId));
        for (String application : applications) {
            Entitlements fromGroups =
                    groups.forUsers(List.of(userId), application).get(userId);
            if (fromGroups != null) {
                desired.merge(application, fromGroups, Entitlements::plus);
            }
        }
        Map<String, List<AppliedGrant>> applied = store.applied(userId);
        Set<String> shown = new TreeSet<>(desired.keySet());
        shown.addAll(applied.keySet());
        Map<String, Object> view = new LinkedHashMap<>();
        for (String application : shown) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(
                    "desired",
                    byKey(desired.getOrDefault(application, Entitlements.NONE).byKind()));
            Map<EntitlementKind, Set<String>> made = new LinkedHashMap<>();
            applied.getOrDefault(application, List.of())
                    .forEach(a -> made.computeIfAbsent(a.grant().kind(), k -> new TreeSet<>())
                            .add(a.grant().name()));
            one.put("applied", byKey(made));
            view.put(application, one);
        }
        return view;
    }

    /** Profile and role as one name, the other kinds as lists, keyed as the API takes them. */
    static Map<String, Object> byKey(Map<EntitlementKind, Set<String>> kinds) {
        Map<String, Object> byKey = new LinkedHashMap<>();
        for (EntitlementKind kind : EntitlementKind.values()) {
            Set<String> names = kinds.get(kind);
            if (names == null) {
                continue;
            }
            byKey.put(kind.key(), kind.isUserField() ? names.iterator().next() : List.copyOf(names));
        }
        return byKey;
    }
}
