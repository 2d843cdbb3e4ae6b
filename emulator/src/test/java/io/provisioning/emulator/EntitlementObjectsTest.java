package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.V;
import static io.provisioning.emulator.EmulatorClient.enc;
import static io.provisioning.emulator.EmulatorClient.userJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Permission sets, their groups, assignments, public groups and members, as an admin sees them over REST. */
class EntitlementObjectsTest {
    private static SalesforceEmulator emulator;
    private static EmulatorClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = new SalesforceEmulator(EmulatorSettings.defaults().withPort(0));
        emulator.start();
        client = new EmulatorClient(emulator).login();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() throws Exception {
        assertEquals(204, client.post("/emulator/reset", "").status());
    }

    private static JsonNode query(String soql) throws Exception {
        EmulatorClient.Answer answer = client.get(V + "/query?q=" + enc(soql));
        assertEquals(200, answer.status(), answer.raw().body());
        return answer.json();
    }

    private static String id(String soql) throws Exception {
        JsonNode records = query(soql).get("records");
        assertEquals(1, records.size(), soql);
        return records.get(0).get("Id").asText();
    }

    /** The answer of an assignment insert, refused or not. */
    private static EmulatorClient.Answer tryAssign(String userId, String setId) throws Exception {
        return client.post(
                V + "/sobjects/PermissionSetAssignment",
                "{\"AssigneeId\":\"" + userId + "\",\"PermissionSetId\":\"" + setId + "\"}");
    }

    private static String assign(String userId, String setId) throws Exception {
        return client.create(
                "PermissionSetAssignment", "{\"AssigneeId\":\"" + userId + "\",\"PermissionSetId\":\"" + setId + "\"}");
    }

    @Test
    void standardRecordsAreThereAndProfileOwnedSetsAreTold() throws Exception {
        JsonNode sets = query("SELECT Name FROM PermissionSet WHERE IsOwnedByProfile = false ORDER BY Name");
        assertEquals("API_Enabled", sets.get("records").get(0).get("Name").asText());
        assertEquals(5, sets.get("totalSize").asInt());
        assertEquals(
                1,
                query("SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true")
                        .get("totalSize")
                        .asInt());
        assertEquals(
                2, query("SELECT Id FROM PermissionSetGroup").get("totalSize").asInt());
        assertEquals(
                2,
                query("SELECT Id FROM Group WHERE Type = 'Regular'")
                        .get("totalSize")
                        .asInt());
        assertEquals(
                1,
                query("SELECT Id FROM Group WHERE Type = 'Queue'")
                        .get("totalSize")
                        .asInt());
    }

    @Test
    void assignmentsAreQueriedThroughParentRelationships() throws Exception {
        String user = client.create("User", userJson("ada@example.com"));
        String sales = id("SELECT Id FROM PermissionSet WHERE Name = 'Sales_Ops'");
        String reports = id("SELECT Id FROM PermissionSet WHERE Name = 'Reports_Builder'");
        assign(user, sales);
        assign(user, reports);
        String group = id("SELECT Id FROM PermissionSetGroup WHERE DeveloperName = 'Sales_Team'");
        client.create(
                "PermissionSetAssignment",
                "{\"AssigneeId\":\"" + user + "\",\"PermissionSetGroupId\":\"" + group + "\"}");

        JsonNode rows = query("SELECT PermissionSet.Name, PermissionSet.Label FROM PermissionSetAssignment"
                        + " WHERE Assignee.Username = 'ada@example.com' AND PermissionSetId != null"
                        + " ORDER BY PermissionSet.Name")
                .get("records");
        assertEquals(2, rows.size());
        JsonNode first = rows.get(0).get("PermissionSet");
        assertEquals("PermissionSet", first.get("attributes").get("type").asText());
        assertEquals("Reports_Builder", first.get("Name").asText());
        assertEquals("Reports Builder", first.get("Label").asText());
        assertEquals("Sales_Ops", rows.get(1).get("PermissionSet").get("Name").asText());

        JsonNode groupRow = query("SELECT PermissionSet.Name, PermissionSetGroup.DeveloperName FROM"
                        + " PermissionSetAssignment WHERE Assignee.Username = 'ada@example.com'"
                        + " AND PermissionSetGroupId != null")
                .get("records")
                .get(0);
        assertTrue(groupRow.get("PermissionSet").isNull());
        assertEquals(
                "Sales_Team",
                groupRow.get("PermissionSetGroup").get("DeveloperName").asText());

        JsonNode profile = query("SELECT Username, Profile.Name FROM User WHERE Id = '" + user + "'")
                .get("records")
                .get(0);
        assertEquals("Standard User", profile.get("Profile").get("Name").asText());
    }

    @Test
    void anUnknownRelationshipIsRefusedAsSalesforceDoes() throws Exception {
        EmulatorClient.Answer answer =
                client.get(V + "/query?q=" + enc("SELECT Nobody.Name FROM PermissionSetAssignment"));
        assertEquals(400, answer.status());
        assertEquals("INVALID_FIELD", answer.json().get(0).get("errorCode").asText());
        assertTrue(answer.json().get(0).get("message").asText().contains("Didn't understand relationship 'Nobody'"));
    }

    @Test
    void aSecondIdenticalAssignmentIsADuplicateValue() throws Exception {
        String user = client.create("User", userJson("dup@example.com"));
        String sales = id("SELECT Id FROM PermissionSet WHERE Name = 'Sales_Ops'");
        assign(user, sales);
        EmulatorClient.Answer again = tryAssign(user, sales);
        assertEquals(400, again.status());
        assertEquals("DUPLICATE_VALUE", again.json().get(0).get("errorCode").asText());
    }

    @Test
    void anAssignmentCanBeDeletedAndMadeAgain() throws Exception {
        String user = client.create("User", userJson("again@example.com"));
        String sales = id("SELECT Id FROM PermissionSet WHERE Name = 'Sales_Ops'");
        String first = assign(user, sales);
        assertEquals(
                204,
                client.delete(V + "/sobjects/PermissionSetAssignment/" + first).status());
        assertEquals(
                0,
                query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + user + "'")
                        .get("totalSize")
                        .asInt());
        assign(user, sales);
    }

    @Test
    void aPermissionSetOfAnotherLicenseIsRefused() throws Exception {
        String user = client.create("User", userJson("lic@example.com"));
        String platform = id("SELECT Id FROM PermissionSet WHERE Name = 'Platform_Analytics'");
        EmulatorClient.Answer answer = tryAssign(user, platform);
        assertEquals(400, answer.status());
        assertEquals(
                "FIELD_INTEGRITY_EXCEPTION",
                answer.json().get(0).get("errorCode").asText());
        assertEquals(
                EntitlementRules.LICENSE_MISMATCH,
                answer.json().get(0).get("message").asText());
    }

    @Test
    void anUnknownPermissionSetOrUserIsAnInvalidCrossReference() throws Exception {
        String user = client.create("User", userJson("xref@example.com"));
        String missingSet = IdGenerator.fixed(EntitlementSchemas.PERMISSION_SET, 999);
        EmulatorClient.Answer answer = tryAssign(user, missingSet);
        assertEquals(400, answer.status());
        assertEquals(
                "INVALID_CROSS_REFERENCE_KEY",
                answer.json().get(0).get("errorCode").asText());
        String group = id("SELECT Id FROM Group WHERE DeveloperName = 'All_Sales'");
        EmulatorClient.Answer member = client.post(
                V + "/sobjects/GroupMember",
                "{\"GroupId\":\"" + group + "\",\"UserOrGroupId\":\"" + IdGenerator.fixed("005", 999) + "\"}");
        assertEquals(400, member.status());
        assertEquals(
                "INVALID_CROSS_REFERENCE_KEY",
                member.json().get(0).get("errorCode").asText());
    }

    @Test
    void adminsCreatePermissionSetsAndGroupsAndAddMembers() throws Exception {
        String set = client.create("PermissionSet", "{\"Name\":\"Field_Service\",\"Label\":\"Field Service\"}");
        JsonNode created = client.get(V + "/sobjects/PermissionSet/" + set).json();
        assertEquals(false, created.get("IsOwnedByProfile").asBoolean());
        String group = client.create("Group", "{\"Name\":\"Field Team\",\"DeveloperName\":\"Field_Team\"}");
        assertEquals(
                "Regular",
                client.get(V + "/sobjects/Group/" + group).json().get("Type").asText());
        String user = client.create("User", userJson("member@example.com"));
        assign(user, set);
        client.create("GroupMember", "{\"GroupId\":\"" + group + "\",\"UserOrGroupId\":\"" + user + "\"}");
        EmulatorClient.Answer twice = client.post(
                V + "/sobjects/GroupMember", "{\"GroupId\":\"" + group + "\",\"UserOrGroupId\":\"" + user + "\"}");
        assertEquals("DUPLICATE_VALUE", twice.json().get(0).get("errorCode").asText());
        JsonNode members = query("SELECT Group.DeveloperName FROM GroupMember WHERE UserOrGroupId = '" + user + "'");
        assertEquals(
                "Field_Team",
                members.get("records").get(0).get("Group").get("DeveloperName").asText());
    }

    @Test
    void aProfilesOwnSetCannotBeAssigned() throws Exception {
        String user = client.create("User", userJson("owned@example.com"));
        String owned = id("SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true");
        EmulatorClient.Answer answer = tryAssign(user, owned);
        assertEquals(400, answer.status());
        assertEquals(
                "FIELD_INTEGRITY_EXCEPTION",
                answer.json().get(0).get("errorCode").asText());
    }
}
