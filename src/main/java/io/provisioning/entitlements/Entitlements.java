package io.provisioning.entitlements;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one user should have in one application: profile and role by name (null = not managed by the bundle), and
 * the API names of permission sets, permission set groups and public groups.
 */
public record Entitlements(
        String profile,
        String role,
        Set<String> permissionSets,
        Set<String> permissionSetGroups,
        Set<String> publicGroups) {

    public static final Entitlements NONE = new Entitlements(null, null, Set.of(), Set.of(), Set.of());

    public Entitlements {
        permissionSets = Set.copyOf(new LinkedHashSet<>(permissionSets));
        permissionSetGroups = Set.copyOf(new LinkedHashSet<>(permissionSetGroups));
        publicGroups = Set.copyOf(new LinkedHashSet<>(publicGroups));
    }

    /** The grants made by records of their own (assignments, memberships), sorted by kind then name. */
    public List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        permissionSets.stream().sorted().forEach(n -> grants.add(new Grant(EntitlementKind.PERMISSION_SET, n)));
        permissionSetGroups.stream()
                .sorted()
                .forEach(n -> grants.add(new Grant(EntitlementKind.PERMISSION_SET_GROUP, n)));
        publicGroups.stream().sorted().forEach(n -> grants.add(new Grant(EntitlementKind.PUBLIC_GROUP, n)));
        return grants;
    }

    /** These plus another source's (e.g. SCIM group memberships mapped to grants); the other's profile wins if set. */
    public Entitlements plus(Entitlements other) {
        return new Entitlements(
                other.profile != null ? other.profile : profile,
                other.role != null ? other.role : role,
                union(permissionSets, other.permissionSets),
                union(permissionSetGroups, other.permissionSetGroups),
                union(publicGroups, other.publicGroups));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
