package io.provisioning;

import static io.provisioning.testsupport.Links.link;
import static io.provisioning.testsupport.Links.recordId;
import static io.provisioning.testsupport.Links.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The user lifecycle against three applications at once, each with its own emulated org: {@code salesforce}
 * (Lead), {@code salesforce-users} (User) and {@code salesforce-off} (Lead, every switch off).
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleTest {

    private static final TestEnvironment ENV = TestEnvironment.create("lifecycle")
            .with("provisioning.applications", "salesforce,salesforce-users,salesforce-off")
            .with("provisioning.application.salesforce-off.sobject", "Lead")
            .with("provisioning.application.salesforce-off.login-url", "emulator")
            .with("provisioning.application.salesforce-off.mapping", "config/mappings/salesforce.yaml")
            .with("provisioning.application.salesforce-off.features.import", "false")
            .with("provisioning.application.salesforce-off.features.create", "false")
            .with("provisioning.application.salesforce-off.features.edit", "false")
            .with("provisioning.application.salesforce-off.features.delete", "false")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    void createMakesALeadAndAFullSalesforceUserAndSkipsTheSwitchedOffApplication() {
        String id = create("ada.lovelace@example.com", "Ada", "Lovelace");
        JsonNode user = awaitSettled(id);
        assertEquals("provisioned", state(user, "salesforce"));
        assertEquals("provisioned", state(user, "salesforce-users"));
        assertEquals("skipped", state(user, "salesforce-off"));

        JsonNode lead = org("salesforce").record("Lead", recordId(user, "salesforce"));
        assertEquals("Lovelace", lead.path("LastName").asText());
        JsonNode sfUser = org("salesforce-users").record("User", recordId(user, "salesforce-users"));
        assertEquals("ada.lovelace@example.com", sfUser.path("Username").asText());
        assertEquals("alovelac", sfUser.path("Alias").asText());
        // the mapping names the profile; the bundle found its id in the org
        assertEquals(
                org("salesforce-users").profileId("Standard User"),
                sfUser.path("ProfileId").asText());
        assertEquals("America/Los_Angeles", sfUser.path("TimeZoneSidKey").asText());
        assertEquals("UTF-8", sfUser.path("EmailEncodingKey").asText());
        assertTrue(sfUser.path("IsActive").asBoolean());

        assertEquals(0, org("salesforce-off").calls().path("total").asInt(), "a switched-off feature is never called");
        Map<String, Object> skip = row("ada.lovelace@example.com", "salesforce-off", "create");
        assertEquals("skipped", skip.get("status"));
        assertEquals("Create User is switched off for salesforce-off", skip.get("error_message"));
    }

    @Test
    void anEditSendsOnlyTheMappedFieldsThatChanged() {
        String id = create("grace.edit@example.com", "Grace", "Hopper");
        JsonNode user = awaitSettled(id);
        String leadId = recordId(user, "salesforce");
        // Someone edits a mapped field in Salesforce; an edit of another field must not overwrite it.
        patchRecord("salesforce", "Lead", leadId, "{\"Company\":\"Changed in Salesforce\"}");

        assertEquals(
                200, api.patch("/api/users/" + id, "{\"lastName\":\"Murray\"}").status());
        awaitRows("grace.edit@example.com", "update", 3);
        JsonNode lead = org("salesforce").record("Lead", leadId);
        assertEquals("Murray", lead.path("LastName").asText());
        assertEquals("Changed in Salesforce", lead.path("Company").asText());
        JsonNode sfUser = org("salesforce-users").record("User", recordId(user, "salesforce-users"));
        assertEquals("Murray", sfUser.path("LastName").asText());
        assertEquals("gmurray", sfUser.path("Alias").asText(), "expressions follow the edit");
        assertEquals(
                "skipped",
                row("grace.edit@example.com", "salesforce-off", "update").get("status"));

        int updatesBefore =
                org("salesforce").callCount("update") + org("salesforce-users").callCount("update");
        ApiClient.Response unmapped = api.patch("/api/users/" + id, "{\"customAttributes\":{\"shoeSize\":42}}");
        assertEquals(200, unmapped.status(), unmapped.body());
        assertEquals(
                42, unmapped.json().path("customAttributes").path("shoeSize").asInt());
        List<Map<String, Object>> rows = awaitRows("grace.edit@example.com", "update", 6);
        assertEquals(
                updatesBefore,
                org("salesforce").callCount("update") + org("salesforce-users").callCount("update"),
                "no call when nothing mapped changed");
        assertEquals(
                "no mapped field changed",
                rows.stream()
                        .filter(r -> "salesforce".equals(r.get("application")))
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .get("error_message"));
    }

    @Test
    void deleteRemovesTheLeadDeactivatesTheUserAndReactivationRestoresBoth() {
        String id = create("alan.delete@example.com", "Alan", "Turing");
        JsonNode user = awaitSettled(id);
        String leadId = recordId(user, "salesforce");
        String sfUserId = recordId(user, "salesforce-users");

        ApiClient.Response deleted = api.delete("/api/users/" + id);
        assertEquals(202, deleted.status(), deleted.body());
        assertFalse(deleted.json().path("active").asBoolean());
        JsonNode gone = awaitSettled(id);
        assertEquals("deleted", state(gone, "salesforce"));
        assertEquals("deactivated", state(gone, "salesforce-users"));
        assertEquals("deprovisioned", gone.path("onboardingStatus").asText());
        assertEquals(404, org("salesforce").recordStatus("Lead", leadId));
        assertFalse(org("salesforce-users")
                .record("User", sfUserId)
                .path("IsActive")
                .asBoolean());
        assertEquals(
                "Delete User is switched off for salesforce-off",
                row("alan.delete@example.com", "salesforce-off", "delete").get("error_message"));

        ApiClient.Response reactivated = api.patch("/api/users/" + id, "{\"active\":true}");
        assertEquals(200, reactivated.status(), reactivated.body());
        JsonNode back = awaitSettled(id);
        assertEquals("provisioned", state(back, "salesforce"));
        assertEquals("provisioned", state(back, "salesforce-users"));
        assertNotEquals(leadId, recordId(back, "salesforce"), "a deleted Lead comes back as a new record");
        assertEquals(sfUserId, recordId(back, "salesforce-users"), "a deactivated User is reactivated");
        assertTrue(org("salesforce-users")
                .record("User", sfUserId)
                .path("IsActive")
                .asBoolean());
    }

    @Test
    void aUserSalesforceRefusesToDeactivateIsFrozenWithTheReason() {
        String id = create("frozen.user@example.com", "Frozen", "User");
        JsonNode user = awaitSettled(id);
        String sfUserId = recordId(user, "salesforce-users");
        org("salesforce-users")
                .injectFault(
                        "{\"operation\":\"update\",\"count\":1,\"status\":400,"
                                + "\"errorCode\":\"FIELD_INTEGRITY_EXCEPTION\",\"message\":\"You cannot deactivate the default workflow user\"}");

        assertEquals(202, api.delete("/api/users/" + id).status());
        JsonNode frozen = awaitSettled(id);
        assertEquals("frozen", state(frozen, "salesforce-users"));
        JsonNode login =
                org("salesforce-users").query("SELECT Id, IsFrozen FROM UserLogin WHERE UserId = '" + sfUserId + "'");
        assertTrue(login.path("records").path(0).path("IsFrozen").asBoolean(), login.toString());
        Map<String, Object> row = row("frozen.user@example.com", "salesforce-users", "delete");
        assertEquals("success", row.get("status"));
        assertEquals("FIELD_INTEGRITY_EXCEPTION", row.get("error_code"));
        assertTrue(
                row.get("error_message").toString().contains("You cannot deactivate the default workflow user"),
                row.toString());
        assertTrue(row.get("error_message").toString().contains("frozen"), row.toString());
    }

    @Test
    void aTransientFailureOfADeactivationIsRetriedNotFrozen() {
        String id = create("busy.user@example.com", "Busy", "User");
        String sfUserId = recordId(awaitSettled(id), "salesforce-users");
        org("salesforce-users")
                .injectFault(
                        "{\"operation\":\"update\",\"count\":1,\"status\":503,\"errorCode\":\"SERVER_UNAVAILABLE\"}");

        assertEquals(202, api.delete("/api/users/" + id).status());
        Await.until(
                () -> api.get("/api/users/" + id).json(),
                u -> "deactivated".equals(state(u, "salesforce-users")),
                Duration.ofSeconds(30));
        assertFalse(org("salesforce-users")
                .record("User", sfUserId)
                .path("IsActive")
                .asBoolean());
        List<Map<String, Object>> rows = Reports.rows(
                dataSource(),
                "SELECT status FROM provisioning_report"
                        + " WHERE user_identifier = ? AND application = ? AND operation = ? ORDER BY id",
                "busy.user@example.com",
                "salesforce-users",
                "delete");
        assertEquals(List.of(Map.of("status", "retrying"), Map.of("status", "success")), rows);
    }

    @Test
    void aDuplicateSalesforceUsernameIsReportedClearly() {
        org("salesforce-users")
                .create(
                        "User",
                        "{\"Username\":\"taken@example.com\",\"Email\":\"taken@example.com\","
                                + "\"Alias\":\"taken\",\"LastName\":\"Taken\",\"ProfileId\":\""
                                + org("salesforce-users").profileId("Standard User") + "\","
                                + "\"TimeZoneSidKey\":\"America/Los_Angeles\",\"LocaleSidKey\":\"en_US\",\"EmailEncodingKey\":\"UTF-8\","
                                + "\"LanguageLocaleKey\":\"en_US\"}");
        String id = create("taken@example.com", "Also", "Taken");
        JsonNode user = awaitSettled(id);
        assertEquals("provisioned", state(user, "salesforce"));
        assertEquals("failed", state(user, "salesforce-users"));
        JsonNode error = link(user, "salesforce-users").path("error");
        assertEquals("DUPLICATE_USERNAME", error.path("code").asText());
        assertTrue(error.path("message").asText().startsWith("Duplicate Username"), error.toString());
        assertEquals(
                "failure",
                row("taken@example.com", "salesforce-users", "create").get("status"));
    }

    @Test
    void anEditOfARecordDeletedInSalesforceMarksTheLinkStaleWithoutRetrying() {
        String id = create("stale.lead@example.com", "Stale", "Lead");
        JsonNode user = awaitSettled(id);
        assertEquals(204, org("salesforce").delete("Lead", recordId(user, "salesforce")));

        api.patch("/api/users/" + id, "{\"lastName\":\"Changed\"}");
        JsonNode stale = Await.until(
                () -> api.get("/api/users/" + id).json(),
                // the edit's work for the other applications may still be running: wait until it is settled too
                u -> "stale".equals(state(u, "salesforce"))
                        && !"provisioning".equals(u.path("onboardingStatus").asText()),
                Duration.ofSeconds(30));
        assertTrue(List.of("ENTITY_IS_DELETED", "NOT_FOUND")
                .contains(link(stale, "salesforce").path("error").path("code").asText()));
        assertEquals("failed", stale.path("onboardingStatus").asText());
        List<Map<String, Object>> updates = Reports.rows(
                dataSource(),
                "SELECT status FROM provisioning_report WHERE user_identifier = ? AND application = ? AND operation = ?",
                "stale.lead@example.com",
                "salesforce",
                "update");
        assertEquals(List.of(Map.of("status", "failure")), updates, "not retried");
    }

    @Test
    void replaceValidatesTheWholeProfileAndUnknownUsersAre404() {
        String id = create("put.user@example.com", "Put", "User");
        ApiClient.Response missing = api.put(
                "/api/users/" + id,
                "{\"userName\":\"put.user@example.com\",\"email\":\"put.user@example.com\",\"lastName\":\"User\"}");
        assertEquals(400, missing.status());
        assertEquals(
                "company",
                missing.json().path("fieldErrors").path(0).path("field").asText());
        ApiClient.Response replaced = api.put(
                "/api/users/" + id,
                "{\"userName\":\"put.user@example.com\","
                        + "\"email\":\"put.user@example.com\",\"lastName\":\"Replaced\",\"company\":\"New Co\"}");
        assertEquals(200, replaced.status(), replaced.body());
        assertTrue(replaced.json().path("firstName").isNull(), "PUT clears what it does not give");
        String unknown = "/api/users/00000000-0000-0000-0000-000000000000";
        assertEquals(404, api.patch(unknown, "{\"lastName\":\"x\"}").status());
        assertEquals(
                404,
                api.put(
                                unknown,
                                "{\"userName\":\"x@example.com\",\"email\":\"x@example.com\","
                                        + "\"lastName\":\"X\",\"company\":\"X\"}")
                        .status());
        assertEquals(404, api.delete(unknown).status());
        assertEquals(
                400,
                api.patch("/api/users/" + id, "{\"lastName\":null}").status(),
                "a required field cannot be cleared");
        assertEquals(400, api.patch("/api/users/" + id, "{\"active\":\"yes\"}").status());
    }

    private String create(String userName, String firstName, String lastName) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        userName,
                        "email",
                        userName,
                        "firstName",
                        firstName,
                        "lastName",
                        lastName,
                        "company",
                        "Acme")));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    /** Waits until no application has work pending for the user. */
    private JsonNode awaitSettled(String id) {
        return Await.until(
                () -> api.get("/api/users/" + id).json(),
                u -> StreamSupport.stream(u.path("applications").spliterator(), false)
                        .noneMatch(l -> "pending".equals(l.path("state").asText())),
                Duration.ofSeconds(30));
    }

    private List<Map<String, Object>> awaitRows(String identifier, String operation, int count) {
        return Await.until(
                () -> Reports.rows(
                        dataSource(),
                        "SELECT * FROM provisioning_report WHERE user_identifier = ? AND operation = ? ORDER BY id",
                        identifier,
                        operation),
                rows -> rows.size() >= count,
                Duration.ofSeconds(30));
    }

    private Map<String, Object> row(String identifier, String application, String operation) {
        List<Map<String, Object>> rows = Reports.rows(
                dataSource(),
                "SELECT * FROM provisioning_report WHERE user_identifier = ?"
                        + " AND application = ? AND operation = ? ORDER BY id",
                identifier,
                application,
                operation);
        assertFalse(rows.isEmpty(), "no " + operation + " row for " + identifier + " in " + application);
        return rows.get(rows.size() - 1);
    }

    private void patchRecord(String application, String sObject, String id, String json) {
        // Through camel-salesforce of the application itself, as an admin's edit in the org would land.
        context.createProducerTemplate()
                .requestBodyAndHeader(
                        application + ":updateSObject?sObjectName=" + sObject + "&rawPayload=true",
                        json,
                        "sObjectId",
                        id);
    }

    private EmulatorClient org(String application) {
        return EmulatorClient.defaultOrg(context.getRegistry()
                .lookupByNameAndType("salesforceEmulator-" + application, SalesforceEmulator.class)
                .baseUrl());
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
