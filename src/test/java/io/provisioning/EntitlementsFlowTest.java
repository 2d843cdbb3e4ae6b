package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.directory.UserDirectory;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.QueueClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.ScimClient;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 20 end to end: entitlements from the HTTP API, a CSV file, a queue message and SCIM (group memberships and
 * roles mapped by settings) reach the emulated org through camel-salesforce as PermissionSetAssignment and
 * GroupMember records and the User's profile; merged, not replaced; failures confined to the entitlement step.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntitlementsFlowTest {

    private static final String APP = "salesforce-users";
    private static final String SCIM_TOKEN = "entra-scim-token-entitlements-01";
    private static final TestEnvironment ENV = TestEnvironment.create("entitlements")
            .withUserApplication()
            .withQuickInbox()
            .with("provisioning.scim.tokens", "entra:" + SCIM_TOKEN)
            .with(
                    "provisioning.scim.groups.Sales Analysts",
                    APP + ":permissionSets:Reports_Builder, " + APP + ":publicGroups:EMEA_Users")
            .with("provisioning.scim.roles.api-user", APP + ":permissionSets:API_Enabled")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();
    private final ScimClient scim = new ScimClient("http://127.0.0.1:" + ENV.httpPort() + "/scim/v2", SCIM_TOKEN);
    private QueueClient queue;

    @AfterAll
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    @Test
    void apiEntitlementsAreMergedWithWhatAnAdminAssignedByHand() {
        String id = create(
                "merge.ada@example.com",
                """
                {"salesforce-users": {"profile": "Marketing User", "role": "CEO",
                  "permissionSets": ["Sales_Ops", "Service_Agent"], "publicGroups": ["All_Sales"]}}""");
        JsonNode view = awaitApplied(id, "permissionSets", 2);
        assertEquals("Marketing User", view.path("applied").path("profile").asText(), view.toString());
        assertEquals("CEO", view.path("applied").path("role").asText(), view.toString());
        String userId = recordId(id);
        assertEquals(
                org().profileId("Marketing User"),
                org().record("User", userId).path("ProfileId").asText());
        assertEquals(Set.of("Sales_Ops", "Service_Agent"), permissionSets("merge.ada@example.com"));
        assertEquals(Set.of("All_Sales"), groups(userId));

        // an admin assigns Reports_Builder by hand in Setup
        String handMade = org().create(
                        "PermissionSetAssignment",
                        "{\"AssigneeId\":\"" + userId + "\",\"PermissionSetId\":\"" + setId("Reports_Builder") + "\"}");

        // the user should now have Sales_Ops and Reports_Builder: Service_Agent (the bundle's) goes, the admin's stays
        patch(
                id,
                "{\"salesforce-users\": {\"permissionSets\": [\"Sales_Ops\", \"Reports_Builder\"],"
                        + " \"publicGroups\": [\"All_Sales\"]}}");
        Await.until(
                () -> permissionSets("merge.ada@example.com"),
                s -> s.equals(Set.of("Sales_Ops", "Reports_Builder")),
                Duration.ofSeconds(30));
        Map<String, Object> removed = awaitRow("merge.ada@example.com", "permissionSets:remove");
        assertEquals("success", removed.get("status"));
        assertTrue(removed.get("error_message").toString().contains("Service_Agent"), removed.toString());
        Map<String, Object> kept = awaitRow("merge.ada@example.com", "permissionSets:add", "Reports_Builder");
        assertEquals("skipped", kept.get("status"), kept.toString());
        assertTrue(kept.get("error_message").toString().contains("already assigned"), kept.toString());
        // each application given is replaced whole: the profile and role left out are no longer managed, not changed
        // either
        assertEquals(
                org().profileId("Marketing User"),
                org().record("User", userId).path("ProfileId").asText());

        // and when the user no longer should have it, the hand-made assignment is still not the bundle's to remove
        patch(id, "{\"salesforce-users\": {\"permissionSets\": [\"Sales_Ops\"], \"publicGroups\": [\"All_Sales\"]}}");
        awaitIdle(id);
        assertEquals(200, org().recordStatus("PermissionSetAssignment", handMade));
        assertEquals(Set.of("Sales_Ops", "Reports_Builder"), permissionSets("merge.ada@example.com"));

        // the changes are the user's report rows, beside its create, in the report API
        JsonNode reported = api.get("/api/reports?identifier=merge.ada@example.com&size=100")
                .json();
        Set<String> operations = new TreeSet<>();
        reported.path("rows").forEach(r -> operations.add(r.path("operation").asText()));
        assertTrue(
                operations.containsAll(
                        Set.of("create", "profile:add", "role:add", "permissionSets:add", "permissionSets:remove")),
                operations.toString());

        // deactivation: the User goes inactive, Salesforce keeps its assignments and so does the bundle
        assertEquals(202, api.delete("/api/users/" + id).status());
        Await.until(
                () -> org().record("User", userId).path("IsActive").asBoolean(true),
                active -> !active,
                Duration.ofSeconds(30));
        assertEquals(Set.of("Sales_Ops", "Reports_Builder"), permissionSets("merge.ada@example.com"));
        assertEquals(Set.of("All_Sales"), groups(userId));
        assertEquals(
                1,
                entitlements(id)
                        .path(APP)
                        .path("applied")
                        .path("permissionSets")
                        .size());
    }

    @Test
    void anAssignmentMadeByACallWhoseAnswerWasLostIsTheBundlesAndAnAdminsStaysTheirs() throws Exception {
        String id = create("lost.fay@example.com", "{\"salesforce-users\": {\"permissionSets\": [\"Sales_Ops\"]}}");
        awaitApplied(id, "permissionSets", 1);
        String userId = recordId(id);
        // an admin assigns Reports_Builder by hand, a second (Salesforce's "Date Assigned" precision) before the step
        org().create(
                        "PermissionSetAssignment",
                        "{\"AssigneeId\":\"" + userId + "\",\"PermissionSetId\":\"" + setId("Reports_Builder") + "\"}");
        Thread.sleep(1100);
        // the insert of Reports_Builder and API_Enabled is applied, its answer lost; the retry finds both there
        org().injectFault(String.format(ExactlyOnceScenarios.LOST_AFTER_APPLY, "composite", 100));
        patch(
                id,
                "{\"salesforce-users\": {\"permissionSets\": [\"Sales_Ops\", \"Reports_Builder\", \"API_Enabled\"]}}");
        Map<String, Object> claimed = awaitRow("lost.fay@example.com", "permissionSets:add", "API_Enabled");
        assertEquals("success", claimed.get("status"), claimed.toString());
        Map<String, Object> kept = awaitRow("lost.fay@example.com", "permissionSets:add", "Reports_Builder");
        assertEquals("skipped", kept.get("status"), kept.toString());
        assertEquals(
                Set.of("Sales_Ops", "API_Enabled"),
                textSet(entitlements(id).path(APP).path("applied").path("permissionSets")));
        assertEquals(
                1,
                rows("lost.fay@example.com", "entitlements").stream()
                        .filter(r -> "retrying".equals(r.get("status")))
                        .count(),
                "the lost answer was retried once");

        // no longer wanted: the bundle removes what it made, the admin's assignment stays
        patch(id, "{\"salesforce-users\": {}}");
        Await.until(
                () -> permissionSets("lost.fay@example.com"),
                s -> s.equals(Set.of("Reports_Builder")),
                Duration.ofSeconds(30));
    }

    private static Set<String> textSet(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void aDryRunShowsTheEntitlementChangesAndWritesNothing() throws Exception {
        String id = create(
                "dry.gus@example.com",
                "{\"salesforce-users\": {\"permissionSets\": [\"Sales_Ops\", \"Service_Agent\"]}}");
        awaitApplied(id, "permissionSets", 2);
        int items = outboxItems(id);

        ApiClient.Response planned = api.patch(
                "/api/users/" + id + "?dryRun=true",
                "{\"entitlements\": {\"salesforce-users\": {\"profile\": \"Marketing User\","
                        + " \"permissionSets\": [\"Sales_Ops\", \"API_Enabled\"]}}}");
        assertEquals(200, planned.status(), planned.body());
        JsonNode changes = planned.json().path("entitlements").path(APP);
        assertEquals("Marketing User", changes.path("add").path("profile").asText(), planned.body());
        assertEquals(Set.of("API_Enabled"), textSet(changes.path("add").path("permissionSets")), planned.body());
        assertEquals(Set.of("Service_Agent"), textSet(changes.path("remove").path("permissionSets")), planned.body());
        // nothing written: no work queued, the desired entitlements and the org as they were
        assertEquals(items, outboxItems(id));
        assertEquals(
                Set.of("Sales_Ops", "Service_Agent"),
                textSet(entitlements(id).path(APP).path("desired").path("permissionSets")));
        assertEquals(Set.of("Sales_Ops", "Service_Agent"), permissionSets("dry.gus@example.com"));

        // a plan file says the same, one line per application whose entitlement step would change anything
        Path plans = ENV.inbox().resolve("plan");
        Files.createDirectories(plans);
        Path plan = plans.resolve("done").resolve("entitlements.csv.plan.csv");
        Files.deleteIfExists(plan); // of an earlier run: the data directory is kept
        Files.writeString(
                plans.resolve(".entitlements.tmp"),
                "action,userName,entitlements.salesforce-users.permissionSets\n"
                        + "update,dry.gus@example.com,Sales_Ops;API_Enabled\n");
        Files.move(plans.resolve(".entitlements.tmp"), plans.resolve("entitlements.csv"));
        Await.until(() -> Files.exists(plan), e -> e, Duration.ofSeconds(30));
        String lines = Files.readString(plan);
        assertTrue(
                lines.contains("2,dry.gus@example.com,update,updated,salesforce-users,entitlements,"
                        + "add permissionSets: API_Enabled; remove permissionSets: Service_Agent"),
                lines);
        assertEquals(items, outboxItems(id));

        ApiClient.Response created = api.post(
                "/api/users?dryRun=true",
                body(
                        "dry.hal@example.com",
                        "{\"salesforce-users\": {"
                                + "\"permissionSetGroups\": [\"Sales_Team\"], \"publicGroups\": [\"All_Sales\"]}}"));
        assertEquals(200, created.status(), created.body());
        JsonNode add = created.json().path("entitlements").path(APP).path("add");
        assertEquals(Set.of("Sales_Team"), textSet(add.path("permissionSetGroups")), created.body());
        assertEquals(Set.of("All_Sales"), textSet(add.path("publicGroups")), created.body());
        assertTrue(directory().findByUserName("dry.hal@example.com").isEmpty());
    }

    private int outboxItems(String id) {
        return Reports.rows(dataSource(), "SELECT id FROM provisioning_outbox WHERE user_id = ?", id)
                .size();
    }

    @Test
    void anUnknownNameOrALicenseMismatchFailsOnlyTheEntitlementStep() {
        String id = create(
                "mismatch.bo@example.com",
                """
                {"salesforce-users": {"profile": "No Such Profile",
                  "permissionSets": ["Sales_Ops", "No_Such_Set", "Platform_Analytics"]}}""");
        Map<String, Object> unknown = awaitRow("mismatch.bo@example.com", "permissionSets:add", "No_Such_Set");
        assertEquals("failure", unknown.get("status"));
        assertEquals("REFERENCE_NOT_FOUND", unknown.get("error_code"));
        Map<String, Object> license = awaitRow("mismatch.bo@example.com", "permissionSets:add", "Platform_Analytics");
        assertEquals("failure", license.get("status"));
        assertEquals("FIELD_INTEGRITY_EXCEPTION", license.get("error_code"));
        Map<String, Object> profile = awaitRow("mismatch.bo@example.com", "profile:add", "No Such Profile");
        assertEquals("REFERENCE_NOT_FOUND", profile.get("error_code"));

        // the user itself was written (with the mapping's profile) and the valid set applied
        JsonNode user = api.get("/api/users/" + id).json();
        assertEquals("provisioned", link(user).path("state").asText(), user.toString());
        assertEquals(
                org().profileId("Standard User"),
                org().record("User", recordId(id)).path("ProfileId").asText());
        assertEquals(Set.of("Sales_Ops"), permissionSets("mismatch.bo@example.com"));
        // failed for good: one attempt, nothing left pending
        Await.until(
                () -> rows("mismatch.bo@example.com", "permissionSets:add"), r -> r.size() == 3, Duration.ofSeconds(5));
        assertEquals(
                "failed",
                Reports.rows(
                                dataSource(),
                                "SELECT status FROM provisioning_outbox WHERE user_id = ? AND operation = 'entitlements'",
                                id)
                        .get(0)
                        .get("status"));
    }

    @Test
    void unknownApplicationsAndKindsAreRefusedNamingThem() {
        ApiClient.Response unknownApp = api.post("/api/users", body("bad.one@example.com", "{\"hubspot\": {}}"));
        assertEquals(400, unknownApp.status());
        assertTrue(unknownApp.body().contains("entitlements.hubspot")
                && unknownApp.body().contains("'hubspot'"));
        ApiClient.Response lead = api.post("/api/users", body("bad.two@example.com", "{\"salesforce\": {}}"));
        assertEquals(400, lead.status());
        assertTrue(lead.body().contains("does not target User"), lead.body());
        ApiClient.Response kind = api.post(
                "/api/users", body("bad.three@example.com", "{\"salesforce-users\": {\"badges\": [\"Gold\"]}}"));
        assertEquals(400, kind.status());
        assertTrue(kind.body().contains("unknown entitlement kind 'badges'"), kind.body());
    }

    @Test
    void aCsvFileAndAQueueMessageCarryEntitlements() throws Exception {
        Path inbox = ENV.inbox();
        Files.createDirectories(inbox);
        Path file = inbox.resolve("entitlements.csv");
        Files.writeString(
                file,
                "userName,email,lastName,company,entitlements.salesforce-users.permissionSets,"
                        + "entitlements.salesforce-users.publicGroups\n"
                        + "csv.cy@example.com,csv.cy@example.com,Cy,Acme,Sales_Ops;API_Enabled,EMEA_Users\n");
        String csvUser = Await.until(
                        () -> directory().findByUserName("csv.cy@example.com"),
                        java.util.Optional::isPresent,
                        Duration.ofSeconds(30))
                .orElseThrow()
                .id();
        awaitApplied(csvUser, "permissionSets", 2);
        assertEquals(Set.of("Sales_Ops", "API_Enabled"), permissionSets("csv.cy@example.com"));
        assertEquals(Set.of("EMEA_Users"), groups(recordId(csvUser)));
        assertEquals(
                "file:entitlements.csv#2",
                awaitRow("csv.cy@example.com", "publicGroups:add").get("source"));

        queue = ENV.queueClient();
        queue.send(
                "provisioning.requests",
                "{\"action\":\"create\",\"user\":{\"userName\":\"queue.di@example.com\",\"email\":\"queue.di@example.com\","
                        + "\"lastName\":\"Di\",\"company\":\"Acme\",\"entitlements\":{\"salesforce-users\":"
                        + "{\"permissionSetGroups\":[\"Sales_Team\"]}}}}",
                "queue.di@example.com");
        String queued = Await.until(
                        () -> directory().findByUserName("queue.di@example.com"),
                        java.util.Optional::isPresent,
                        Duration.ofSeconds(30))
                .orElseThrow()
                .id();
        awaitApplied(queued, "permissionSetGroups", 1);
        assertEquals(
                1,
                org().query("SELECT Id FROM PermissionSetAssignment WHERE Assignee.Username = 'queue.di@example.com'"
                                + " AND PermissionSetGroup.DeveloperName = 'Sales_Team'")
                        .path("totalSize")
                        .asInt());
    }

    @Test
    void scimGroupMembershipsAndRolesAreMappedByTheSettings() {
        ScimClient.Response created = scim.post(
                "/Users",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"scim.eve@example.com",
                 "name":{"familyName":"Eve"},"emails":[{"value":"scim.eve@example.com","primary":true}],
                 "roles":[{"value":"api-user"},{"value":"some-other-system-role"}]}""");
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();
        awaitApplied(id, "permissionSets", 1);
        assertEquals(Set.of("API_Enabled"), permissionSets("scim.eve@example.com"));

        ScimClient.Response group = scim.post(
                "/Groups",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales Analysts",
                 "members":[{"value":"%s"}]}"""
                        .formatted(id));
        assertEquals(201, group.status(), group.body());
        Await.until(
                () -> permissionSets("scim.eve@example.com"),
                s -> s.equals(Set.of("API_Enabled", "Reports_Builder")),
                Duration.ofSeconds(30));
        assertEquals(Set.of("EMEA_Users"), groups(recordId(id)));

        // out of the group: what it gave is removed again
        String groupId = group.json().path("id").asText();
        ScimClient.Response emptied = scim.put(
                "/Groups/" + groupId,
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales Analysts",
                 "members":[]}""");
        assertEquals(200, emptied.status(), emptied.body());
        Await.until(
                () -> permissionSets("scim.eve@example.com"),
                s -> s.equals(Set.of("API_Enabled")),
                Duration.ofSeconds(30));
        assertEquals(Set.of(), groups(recordId(id)));

        ScimClient.Response badRole = scim.post(
                "/Users",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"scim.bad@example.com",
                 "roles":[{"value":"salesforce-users:badges:Gold"}]}""");
        assertEquals(400, badRole.status(), badRole.body());
        assertTrue(badRole.body().contains("unknown entitlement kind 'badges'"), badRole.body());
    }

    private String create(String userName, String entitlements) {
        ApiClient.Response created = api.post("/api/users", body(userName, entitlements));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private static String body(String userName, String entitlements) {
        return "{\"userName\":\"" + userName + "\",\"email\":\"" + userName + "\",\"lastName\":\"Test\","
                + "\"company\":\"Acme\",\"entitlements\":" + entitlements + "}";
    }

    private void patch(String id, String entitlements) {
        ApiClient.Response patched = api.patch("/api/users/" + id, "{\"entitlements\":" + entitlements + "}");
        assertEquals(200, patched.status(), patched.body());
    }

    private JsonNode entitlements(String id) {
        return api.get("/api/users/" + id).json().path("entitlements");
    }

    /** The user's view of the application once the bundle applied {@code count} names of {@code kind}. */
    private JsonNode awaitApplied(String id, String kind, int count) {
        return Await.until(
                () -> entitlements(id).path(APP),
                v -> v.path("applied").path(kind).size() == count
                        && v.path("applied").path(kind).equals(v.path("desired").path(kind)),
                Duration.ofSeconds(30));
    }

    /** Until the user has no provisioning work waiting. */
    private void awaitIdle(String id) {
        Await.until(
                () -> Reports.rows(
                        dataSource(),
                        "SELECT id FROM provisioning_outbox WHERE user_id = ? AND status = 'pending'",
                        id),
                List::isEmpty,
                Duration.ofSeconds(30));
    }

    private static JsonNode link(JsonNode user) {
        for (JsonNode link : user.path("applications")) {
            if (APP.equals(link.path("application").asText())) {
                return link;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private String recordId(String id) {
        return Await.until(
                () -> link(api.get("/api/users/" + id).json()).path("recordId").asText(""),
                r -> !r.isEmpty(),
                Duration.ofSeconds(30));
    }

    private Set<String> permissionSets(String userName) {
        Set<String> names = new TreeSet<>();
        for (JsonNode r : org().query(
                        "SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE Assignee.Username = '" + userName
                                + "' AND PermissionSet.IsOwnedByProfile = false")
                .path("records")) {
            if (!r.path("PermissionSet").isNull()) {
                names.add(r.path("PermissionSet").path("Name").asText());
            }
        }
        return names;
    }

    private Set<String> groups(String userId) {
        Set<String> names = new TreeSet<>();
        for (JsonNode r : org().query(
                        "SELECT Group.DeveloperName FROM GroupMember WHERE UserOrGroupId = '" + userId + "'")
                .path("records")) {
            names.add(r.path("Group").path("DeveloperName").asText());
        }
        return names;
    }

    private String setId(String name) {
        return org().query("SELECT Id FROM PermissionSet WHERE Name = '" + name + "'")
                .path("records")
                .path(0)
                .path("Id")
                .asText();
    }

    private List<Map<String, Object>> rows(String identifier, String operation) {
        return Reports.rows(
                dataSource(),
                "SELECT * FROM provisioning_report WHERE user_identifier = ? AND operation = ? ORDER BY id",
                identifier,
                operation);
    }

    private Map<String, Object> awaitRow(String identifier, String operation) {
        return awaitRow(identifier, operation, "");
    }

    /** The first report row of the operation whose message names {@code name}. */
    private Map<String, Object> awaitRow(String identifier, String operation, String name) {
        List<Map<String, Object>> found = Await.until(
                () -> {
                    List<Map<String, Object>> matching = new ArrayList<>();
                    for (Map<String, Object> row : rows(identifier, operation)) {
                        if (String.valueOf(row.get("error_message")).contains(name)) {
                            matching.add(row);
                        }
                    }
                    return matching;
                },
                r -> !r.isEmpty(),
                Duration.ofSeconds(30));
        assertFalse(found.isEmpty());
        return found.get(0);
    }

    private EmulatorClient org() {
        return EmulatorClient.forApplication(context, APP);
    }

    private DataSource dataSource() {
        return Reports.dataSource(context);
    }

    private UserDirectory directory() {
        return context.getRegistry().lookupByNameAndType("userDirectory", UserDirectory.class);
    }
}
