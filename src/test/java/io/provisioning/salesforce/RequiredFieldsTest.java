package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.LinkState;
import io.provisioning.directory.Operation;
import io.provisioning.directory.OutboxItem;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each target sObject requires, checked by {@link WritePlanner} before any call (issue 19). */
class RequiredFieldsTest {

    private final WritePlanner planner = new WritePlanner();

    @Test
    void aLeadWithoutLastNameIsRefusedNamingTheFieldAndTheMapping() {
        WritePlan plan = planner.plan(
                item(Operation.CREATE),
                app("Lead"),
                null,
                fields("Company", "[not provided]", "Email", "a@example.com"),
                Map.of(),
                true);
        assertTrue(plan.skipped(), "no call is made");
        assertTrue(plan.refused());
        assertEquals("REQUIRED_FIELD_MISSING", plan.refusalCode());
        assertTrue(plan.reason().contains("LastName"), plan.reason());
        assertFalse(plan.reason().contains("Company"), plan.reason());
        assertTrue(plan.reason().contains("config/mappings/crm.yaml"), plan.reason());
        assertTrue(plan.reason().contains("crm"), plan.reason());
    }

    @Test
    void blankCountsAsMissingAndEveryMissingFieldIsNamed() {
        WritePlan plan =
                planner.plan(item(Operation.CREATE), app("Lead"), null, fields("LastName", " "), Map.of(), true);
        assertTrue(plan.reason().contains("LastName, Company"), plan.reason());
        WritePlan user = planner.plan(
                item(Operation.CREATE),
                app("User"),
                null,
                fields("Username", "u@example.com", "Email", "u@example.com", "LastName", "U"),
                Map.of(),
                true);
        assertTrue(user.reason().contains("Alias, ProfileId, TimeZoneSidKey"), user.reason());
    }

    @Test
    void aCompleteCreateGoesThrough() {
        WritePlan plan =
                planner.plan(item(Operation.CREATE), app("Contact"), null, fields("LastName", "L"), Map.of(), true);
        assertEquals(WritePlan.Call.CREATE, plan.call());
        assertFalse(plan.refused());
    }

    @Test
    void anUpdateThatWouldClearARequiredFieldIsRefusedOtherUpdatesAreNot() {
        ApplicationLink link = new ApplicationLink(
                "crm", LinkState.PROVISIONED, "00Q000000000001AAA", null, null, null, OffsetDateTime.now());
        Map<String, Object> synced = Map.of("LastName", "Old", "Company", "Acme");
        WritePlan clearing = planner.plan(
                item(Operation.UPDATE), app("Lead"), link, fields("LastName", null, "Company", "Acme"), synced, true);
        assertTrue(clearing.refused(), String.valueOf(clearing));
        WritePlan renaming = planner.plan(
                item(Operation.UPDATE), app("Lead"), link, fields("LastName", "New", "Company", "Acme"), synced, true);
        assertEquals(Map.of("LastName", "New"), renaming.body());
        WritePlan delete = planner.plan(item(Operation.DELETE), app("Lead"), link, Map.of(), synced, false);
        assertEquals(WritePlan.Call.DELETE, delete.call());
    }

    @Test
    void aLaterChangeOfAUserWithoutRecordPlansTheCreateAgain() {
        ApplicationLink failed = new ApplicationLink(
                "crm", LinkState.FAILED, null, "REQUIRED_FIELD_MISSING", "x", null, OffsetDateTime.now());
        WritePlan plan = planner.plan(
                item(Operation.UPDATE),
                app("Lead"),
                failed,
                fields("LastName", "Supplied", "Company", "[not provided]"),
                Map.of(),
                true);
        assertEquals(WritePlan.Call.CREATE, plan.call());
        assertNull(plan.refusalCode());
    }

    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static OutboxItem item(Operation operation) {
        return new OutboxItem(1, "user-1", "crm", operation, "test", 0, null, OffsetDateTime.now(), null);
    }

    private static SalesforceApplication app(String sObject) {
        return new SalesforceApplication(
                "crm",
                sObject,
                Path.of("config/mappings/crm.yaml"),
                EnumSet.allOf(Feature.class),
                null,
                null,
                0,
                Set.of());
    }
}
