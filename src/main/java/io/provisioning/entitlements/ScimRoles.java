package io.provisioning.entitlements;

import io.provisioning.requests.FieldError;
import io.provisioning.requests.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SCIM {@code roles} values (Entra app roles, Okta's role attribute) as entitlements: a value named in {@code
 * provisioning.scim.roles.<value>} gives what the setting says; a value written {@code <app>:<kind>:<name>} gives
 * that itself (an unknown application or kind is a 400 naming it); other values belong to other systems and are
 * left alone.
 */
public final class ScimRoles {

    private final Map<String, List<EntitlementSettings.Target>> table;
    private final Set<String> applications;

    ScimRoles(Map<String, List<EntitlementSettings.Target>> table, Set<String> applications) {
        this.table = table;
        this.applications = Set.copyOf(applications);
    }

    /**
     * What the values give, with every application the roles can give anything in (mapped or named): those not given
     * anything get {@link Entitlements#NONE}, so a role taken away is taken away in Salesforce too.
     */
    public Map<String, Entitlements> entitlements(List<String> values) {
        Map<String, List<EntitlementSettings.Target>> all = new LinkedHashMap<>(table);
        List<FieldError> errors = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String value : values) {
            if (table.containsKey(value)) {
                keys.add(value);
            } else if (value.split(":", 3).length == 3) {
                try {
                    all.put(value, List.of(EntitlementSettings.Target.parse(value, applications)));
                    keys.add(value);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("roles", e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The roles are not valid", errors);
        }
        Map<String, Entitlements> byApp = new LinkedHashMap<>();
        all.values().forEach(ts -> ts.forEach(t -> byApp.put(t.application(), Entitlements.NONE)));
        byApp.putAll(EntitlementSettings.granted(all, keys));
        return byApp;
    }
}
