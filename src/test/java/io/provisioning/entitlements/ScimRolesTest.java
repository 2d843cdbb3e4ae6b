package io.provisioning.entitlements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.requests.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SCIM roles values as entitlements: mapped, written out, foreign, or wrong. */
class ScimRolesTest {

    private static final Set<String> APPS = Set.of("salesforce-users", "sf-eu");
    private final ScimRoles roles = new ScimRoles(
            Map.of(
                    "sales-admin",
                    List.of(
                            EntitlementSettings.Target.parse("salesforce-users:profile:System Administrator", APPS),
                            EntitlementSettings.Target.parse("salesforce-users:permissionSets:Sales_Ops", APPS))),
            APPS);

    @Test
    void aMappedValueGivesWhatItsSettingNamesAndAWrittenOutValueItself() {
        Map<String, Entitlements> given =
                roles.entitlements(List.of("sales-admin", "sf-eu:publicGroups:EMEA_Users", "Some.Other.Role"));
        Entitlements users = given.get("salesforce-users");
        assertEquals("System Administrator", users.profile());
        assertEquals(Set.of("Sales_Ops"), users.permissionSets());
        assertEquals(Set.of("EMEA_Users"), given.get("sf-eu").publicGroups());
        assertEquals(Set.of("salesforce-users", "sf-eu"), given.keySet(), "the foreign value gives nothing");
    }

    @Test
    void withoutTheRoleTheTablesApplicationsAreGivenNothing() {
        assertEquals(Map.of("salesforce-users", Entitlements.NONE), roles.entitlements(List.of()));
    }

    @Test
    void anUnknownApplicationOrKindIsNamed() {
        InvalidRequestException kind =
                assertThrows(InvalidRequestException.class, () -> roles.entitlements(List.of("sf-eu:badges:Gold")));
        assertTrue(kind.getFieldErrors().get(0).message().contains("unknown entitlement kind 'badges'"));
        InvalidRequestException app = assertThrows(
                InvalidRequestException.class, () -> roles.entitlements(List.of("hubspot:permissionSets:X")));
        assertTrue(app.getFieldErrors().get(0).message().contains("unknown application 'hubspot'"));
    }
}
