package io.provisioning.entitlements;

import static io.provisioning.entitlements.EntitlementKind.PERMISSION_SET;
import static io.provisioning.entitlements.EntitlementKind.PUBLIC_GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntitlementPlanTest {

    private static Entitlements sets(String... names) {
        return new Entitlements(null, null, Set.of(names), Set.of(), Set.of());
    }

    @Test
    void addsWhatIsMissingAndRemovesOnlyTheBundlesOwn() {
        List<AppliedGrant> made = List.of(
                new AppliedGrant(new Grant(PERMISSION_SET, "Sales_Ops"), "0PaA"),
                new AppliedGrant(new Grant(PUBLIC_GROUP, "All_Sales"), "011A"));
        EntitlementPlan plan = EntitlementPlan.of(sets("Sales_Ops", "Reports_Builder"), made);
        assertEquals(List.of(new Grant(PERMISSION_SET, "Reports_Builder")), plan.adds());
        assertEquals(List.of(made.get(1)), plan.removes());
    }

    @Test
    void grantsTheBundleDidNotMakeAreNeverRemoved() {
        // an admin's hand-made assignment is not in the bundle's record, so no plan can name it
        EntitlementPlan plan = EntitlementPlan.of(Entitlements.NONE, List.of());
        assertTrue(plan.isEmpty());
    }

    @Test
    void anUnchangedUserCostsNothing() {
        List<AppliedGrant> made = List.of(new AppliedGrant(new Grant(PERMISSION_SET, "Sales_Ops"), "0PaA"));
        assertTrue(EntitlementPlan.of(sets("Sales_Ops"), made).isEmpty());
    }

    @Test
    void tenThousandUsersWithThreeSetsEachTake150InsertCalls() {
        List<GrantBatches.Insert> inserts = new ArrayList<>();
        for (int u = 0; u < 10_000; u++) {
            for (Grant g : EntitlementPlan.of(sets("A", "B", "C"), List.of()).adds()) {
                inserts.add(new GrantBatches.Insert("u" + u, "005" + u, g, "0PS" + g.name()));
            }
        }
        List<List<GrantBatches.Insert>> calls = GrantBatches.inserts(inserts);
        assertEquals(150, calls.size());
        assertTrue(calls.stream().allMatch(c -> c.size() <= GrantBatches.COLLECTION_SIZE));
        assertEquals(
                "PermissionSetAssignment",
                ((java.util.Map<?, ?>) calls.get(0).get(0).record().get("attributes")).get("type"));
        assertEquals("0PSA", calls.get(0).get(0).record().get("PermissionSetId"));
    }
}
