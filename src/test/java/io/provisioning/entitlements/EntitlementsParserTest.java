package io.provisioning.entitlements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.requests.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntitlementsParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EntitlementsParser parser = new EntitlementsParser(Set.of("salesforce", "salesforce-users"));

    private Map<String, Entitlements> parse(String json) throws Exception {
        return parser.parse(JSON.readTree(json));
    }

    @Test
    void readsEveryKindPerApplication() throws Exception {
        Entitlements e = parse("{\"salesforce-users\": {\"profile\": \"Standard User\", \"role\": \"CEO\","
                        + " \"permissionSets\": [\"Sales_Ops\", \"API_Enabled\", \"Sales_Ops\"],"
                        + " \"permissionSetGroups\": [\"Sales_Team\"], \"publicGroups\": [\"All_Sales\"]}}")
                .get("salesforce-users");
        assertEquals("Standard User", e.profile());
        assertEquals("CEO", e.role());
        assertEquals(Set.of("Sales_Ops", "API_Enabled"), e.permissionSets());
        assertEquals(
                List.of(
                        new Grant(EntitlementKind.PERMISSION_SET, "API_Enabled"),
                        new Grant(EntitlementKind.PERMISSION_SET, "Sales_Ops"),
                        new Grant(EntitlementKind.PERMISSION_SET_GROUP, "Sales_Team"),
                        new Grant(EntitlementKind.PUBLIC_GROUP, "All_Sales")),
                e.grants());
    }

    @Test
    void anUnknownApplicationOrKindIsNamed() {
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> parse("{\"hubspot\": {}, \"salesforce\": {\"licences\": [\"x\"]}}"));
        assertEquals("entitlements.hubspot", e.getFieldErrors().get(0).field());
        assertTrue(e.getFieldErrors().get(0).message().contains("unknown application 'hubspot'"));
        assertEquals(
                "entitlements.salesforce.licences", e.getFieldErrors().get(1).field());
        assertTrue(e.getFieldErrors().get(1).message().contains("unknown entitlement kind 'licences'"));
    }

    @Test
    void namesThatCannotBeApiNamesAreRefused() {
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> parse("{\"salesforce\": {\"permissionSets\": [\"x' OR Name != '\"], \"profile\": 3}}"));
        assertEquals(2, e.getFieldErrors().size());
    }

    @Test
    void csvColumnsCarryListsSeparatedBySemicolons() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("userName", "ada@example.com");
        row.put("entitlements.salesforce.permissionSets", "Sales_Ops; Reports_Builder");
        row.put("entitlements.salesforce.profile", "Standard User");
        row.put("entitlements.salesforce.publicGroups", "");
        Entitlements e = parser.parseColumns(row).get("salesforce");
        assertEquals(Set.of("Sales_Ops", "Reports_Builder"), e.permissionSets());
        assertEquals("Standard User", e.profile());
        assertNull(e.role());
        InvalidRequestException bad = assertThrows(
                InvalidRequestException.class,
                () -> parser.parseColumns(Map.of("entitlements.salesforce.badges", "Gold")));
        assertTrue(bad.getFieldErrors().get(0).message().contains("'badges'"));
    }
}
