package io.provisioning.entitlements;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    /** Built from names per kind (the first name of profile and role; absent kinds empty). */
    public static Entitlements of(Map<EntitlementKind, ? extends Collection<String>> values) {
        return new Entitlements(
                first(values.get(EntitlementKind.PROFILE)),
                first(values.get(EntitlementKind.ROLE)),
                names(values, EntitlementKind.PERMISSION_SET),
                names(values, EntitlementKind.PERMISSION_SET_GROUP),
                names(values, EntitlementKind.PUBLIC_GROUP));
    }

    private static String first(Collection<String> names) {
        return names == null || names.isEmpty() ? null : names.iterator().next();
    }

    private static Set<String> names(Map<EntitlementKind, ? extends Collection<String>> values, EntitlementKind kind) {
        Collection<String> names = values.get(kind);
        return names == null ? Set.of() : new LinkedHashSet<>(names);
    }

    /** The names per kind, sorted, kinds without a name left out (as stored and shown). */
    public Map<EntitlementKind, Set<String>> byKind() {
        Map<EntitlementKind, Set<String>> kinds = new EnumMap<>(EntitlementKind.class);
        if (profile != null) {
            kinds.put(EntitlementKind.PROFILE, Set.of(profile));
        }
        if (role != null) {
            kinds.put(EntitlementKind.ROLE, Set.of(role));
        }
        for (Grant grant : grants()) {
            kinds.computeIfAbsent(grant.kind(), k -> new TreeSet<>()).add(grant.name());
        }
        return kinds;
    }

    /** Whether these set a profile or role (fields of the User record) other than {@code before}'s. */
    public boolean setsUserFieldsOtherThan(Entitlements before) {
        Entitlements was = before == null ? NONE : before;
        return (profile != null && !profile.equals(was.profile)) || (role != null && !role.equals(was.role));
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
