package io.provisioning.entitlements;

import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 20, what SCIM gives entitlements: a group's members get what {@code provisioning.scim.groups.<display name>}
 * names, a user with a {@code roles} value what {@code provisioning.scim.roles.<value>} names; each value one or more
 * {@code <app>:<kind>:<name>} separated by {@code ,}. Checked at start: an unknown application or kind stops it.
 */
public record EntitlementSettings(Map<String, List<Target>> groups, Map<String, List<Target>> roles) {

    public static final String GROUPS = "provisioning.scim.groups.";
    public static final String ROLES = "provisioning.scim.roles.";

    /** One entitlement in one application. */
    public record Target(String application, EntitlementKind kind, String name) {

        /** {@code <app>:<kind>:<name>}, or an explanation naming what is wrong. */
        static Target parse(String text, Set<String> applications) {
            String[] parts = text.trim().split(":", 3);
            if (parts.length != 3 || parts[2].isBlank()) {
                throw new IllegalArgumentException("'" + text + "' is not <application>:<kind>:<name>");
            }
            if (!applications.contains(parts[0])) {
                throw new IllegalArgumentException("unknown application '" + parts[0] + "'");
            }
            EntitlementKind kind = EntitlementKind.byKey(parts[1])
                    .orElseThrow(() -> new IllegalArgumentException("unknown entitlement kind '" + parts[1] + "'"));
            return new Target(parts[0], kind, parts[2].trim());
        }

        Entitlements entitlements() {
            return Entitlements.of(Map.of(kind, List.of(name)));
        }
    }

    public static EntitlementSettings read(Settings settings, Set<String> applications) {
        return new EntitlementSettings(targets(settings, GROUPS, applications), targets(settings, ROLES, applications));
    }

    private static Map<String, List<Target>> targets(Settings settings, String prefix, Set<String> applications) {
        Map<String, List<Target>> all = new LinkedHashMap<>();
        settings.under(prefix).forEach((key, value) -> {
            List<Target> targets = new ArrayList<>();
            for (String one : value.split(",")) {
                try {
                    targets.add(Target.parse(one, applications));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSettingException(
                            prefix + key,
                            "Setting " + prefix + key + ": " + e.getMessage() + "; known applications: "
                                    + new java.util.TreeSet<>(applications));
                }
            }
            all.put(key, List.copyOf(targets));
        });
        return all;
    }

    /** What a set of group display names (or role values) gives, per application. */
    static Map<String, Entitlements> granted(Map<String, List<Target>> table, java.util.Collection<String> keys) {
        Map<String, Entitlements> byApp = new LinkedHashMap<>();
        for (String key : keys) {
            for (Target target : table.getOrDefault(key, List.of())) {
                byApp.merge(target.application(), target.entitlements(), Entitlements::plus);
            }
        }
        return byApp;
    }
}
