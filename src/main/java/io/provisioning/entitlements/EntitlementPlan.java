package io.provisioning.entitlements;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Merge, not replace: what to add and what to remove for one user in one application, from the grants the user
 * should have and the grants the bundle itself made before. Grants the bundle did not make (an admin's, by hand in
 * Setup) are never removed; a deactivated user's grants are kept (Salesforce keeps them on inactive users).
 */
public record EntitlementPlan(List<Grant> adds, List<AppliedGrant> removes) {

    public static final EntitlementPlan NOTHING = new EntitlementPlan(List.of(), List.of());

    public static EntitlementPlan of(Entitlements desired, List<AppliedGrant> madeByBundle) {
        Set<Grant> wanted = new LinkedHashSet<>(desired.grants());
        Set<Grant> made = new LinkedHashSet<>();
        List<AppliedGrant> removes = new ArrayList<>();
        for (AppliedGrant applied : madeByBundle) {
            made.add(applied.grant());
            if (!wanted.contains(applied.grant())) {
                removes.add(applied);
            }
        }
        List<Grant> adds = wanted.stream().filter(g -> !made.contains(g)).toList();
        return new EntitlementPlan(adds, List.copyOf(removes));
    }

    public boolean isEmpty() {
        return adds.isEmpty() && removes.isEmpty();
    }
}
