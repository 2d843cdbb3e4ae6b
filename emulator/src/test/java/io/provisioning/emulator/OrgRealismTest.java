package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.V;
import static io.provisioning.emulator.EmulatorClient.enc;
import static io.provisioning.emulator.EmulatorClient.userJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Duplicate rules, reference checks, user licenses and the standard records of the emulated org. */
class OrgRealismTest {
    private static final String LEAD = "{\"FirstName\":\"Grace\",\"LastName\":\"Hopper\",\"Company\":\"Navy\","
            + "\"Email\":\"grace@example.com\"}";
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

    private static EmulatorClient.Answer postAllowingSave(String path, String json) throws Exception {
        return client.send(client.authed(path)
                .header("Content-Type", "application/json")
                .header("Sforce-Duplicate-Rule-Header", "allowSave=true")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    @Test
    void standardLeadRuleRefusesADuplicateWithTheMatchedRecord() throws Exception {
        String first = client.create("Lead", LEAD);
        EmulatorClient.Answer again = client.post(V + "/sobjects/Lead", LEAD.replace("grace@", "GRACE@"));
        assertEquals(400, again.status());
        JsonNode error = again.json().get(0);
        assertEquals("DUPLICATES_DETECTED", error.get("errorCode").asText());
        assertEquals("Use one of these records?", error.get("message").asText());
        JsonNode result = error.get("duplicateResult");
        assertTrue(result.get("allowSave").asBoolean());
        assertEquals("Lead", result.get("duplicateRuleEntityType").asText());
        JsonNode match = result.get("matchResults").get(0);
        assertEquals(1, match.get("size").asInt());
        assertEquals(
                first, match.get("matchRecords").get(0).get("record").get("Id").asText());

        // another first name, or no e-mail, is no match; the header saves the duplicate
        assertEquals(
                201,
                client.post(V + "/sobjects/Lead", LEAD.replace("Grace", "Anna")).status());
        assertEquals(
                201,
                client.post(V + "/sobjects/Lead", "{\"LastName\":\"Hopper\",\"Company\":\"Navy\"}")
                        .status());
        assertEquals(201, postAllowingSave(V + "/sobjects/Lead", LEAD).status());
    }

    @Test
    void rulesApplyToCollectionsAndUpsertsAndCanBeSwitchedOff() throws Exception {
        String first = client.create("Contact", "{\"LastName\":\"Lamarr\",\"Email\":\"hedy@example.com\"}");
        String records = "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Contact\"},"
                + "\"LastName\":\"Lamarr\",\"Email\":\"hedy@example.com\"},{\"attributes\":{\"type\":\"Contact\"},"
                + "\"LastName\":\"Noether\",\"Email\":\"emmy@example.com\"}]}";
        JsonNode results = client.post(V + "/composite/sobjects", records).json();
        assertFalse(results.get(0).get("success").asBoolean());
        JsonNode error = results.get(0).get("errors").get(0);
        assertEquals("DUPLICATES_DETECTED", error.get("statusCode").asText());
        assertEquals(
                first,
                error.at("/duplicateResult/matchResults/0/matchRecords/0/record/Id")
                        .asText());
        assertTrue(results.get(1).get("success").asBoolean());

        emulator.defineExternalIdField("Contact", "Provisioning_Id__c");
        EmulatorClient.Answer upsert = client.patch(
                V + "/sobjects/Contact/Provisioning_Id__c/u-1",
                "{\"LastName\":\"Lamarr\",\"Email\":\"hedy@example.com\"}");
        assertEquals(400, upsert.status());
        assertEquals(
                "DUPLICATES_DETECTED", upsert.json().get(0).get("errorCode").asText());

        assertEquals(
                200,
                client.put("/emulator/duplicate-rules/Contact", "{\"active\":false}")
                        .status());
        assertEquals(
                201,
                client.post(V + "/sobjects/Contact", "{\"LastName\":\"Lamarr\",\"Email\":\"hedy@example.com\"}")
                        .status());
    }

    @Test
    void aBlockingRuleRefusesEvenWithAllowSave() throws Exception {
        client.create("Lead", LEAD);
        client.put("/emulator/duplicate-rules/Lead", "{\"action\":\"BLOCK\"}");
        EmulatorClient.Answer refused = postAllowingSave(V + "/sobjects/Lead", LEAD);
        assertEquals(400, refused.status());
        assertFalse(
                refused.json().get(0).get("duplicateResult").get("allowSave").asBoolean());
    }

    @Test
    void unknownReferencesAnswerInvalidCrossReferenceKeyWithTheField() throws Exception {
        String otherOrgsProfile =
                userJson("ref@corp.example").replace(Org.STANDARD_USER_PROFILE_ID, "00e5g000001AbCdAAK");
        EmulatorClient.Answer user = client.post(V + "/sobjects/User", otherOrgsProfile);
        assertEquals(400, user.status());
        assertEquals(
                "INVALID_CROSS_REFERENCE_KEY",
                user.json().get(0).get("errorCode").asText());
        assertEquals("ProfileId", user.json().get(0).get("fields").get(0).asText());

        EmulatorClient.Answer contact =
                client.post(V + "/sobjects/Contact", "{\"LastName\":\"X\",\"AccountId\":\"001000000000001AAA\"}");
        assertEquals("AccountId", contact.json().get(0).get("fields").get(0).asText());
        EmulatorClient.Answer owner = client.post(
                V + "/sobjects/Lead", "{\"LastName\":\"X\",\"Company\":\"Y\",\"OwnerId\":\"005000000000009AAA\"}");
        assertEquals(
                "INVALID_CROSS_REFERENCE_KEY",
                owner.json().get(0).get("errorCode").asText());
        String userId = client.create("User", userJson("role@corp.example"));
        EmulatorClient.Answer role =
                client.patch(V + "/sobjects/User/" + userId, "{\"UserRoleId\":\"00E000000000077AAA\"}");
        assertEquals("UserRoleId", role.json().get(0).get("fields").get(0).asText());

        // the org's own records are found by name and accepted
        String accountId = client.get(V + "/query?q=" + enc("SELECT Id FROM Account WHERE Name = 'GenePoint'"))
                .json()
                .at("/records/0/Id")
                .asText();
        assertEquals(
                201,
                client.post(V + "/sobjects/Contact", "{\"LastName\":\"X\",\"AccountId\":\"" + accountId + "\"}")
                        .status());
        String roleId = client.get(V + "/query?q=" + enc("SELECT Id FROM UserRole WHERE Name = 'Western Sales Team'"))
                .json()
                .at("/records/0/Id")
                .asText();
        assertEquals(
                204,
                client.patch(V + "/sobjects/User/" + userId, "{\"UserRoleId\":\"" + roleId + "\"}")
                        .status());
    }

    @Test
    void usersBeyondTheLicenseCountAreRefused() throws Exception {
        JsonNode chatter = client.get(V + "/query?q="
                        + enc("SELECT Id, UserLicenseId FROM Profile WHERE Name = " + "'Chatter Free User'"))
                .json()
                .at("/records/0");
        String license = chatter.get("UserLicenseId").asText();
        assertEquals(
                "Chatter Free",
                client.get(V + "/sobjects/UserLicense/" + license)
                        .json()
                        .get("Name")
                        .asText());

        // the integration user holds one Salesforce license; two are left
        client.put("/emulator/licenses/Salesforce", "{\"total\":3}");
        String a = client.create("User", userJson("a@corp.example"));
        client.create("User", userJson("b@corp.example"));
        EmulatorClient.Answer third = client.post(V + "/sobjects/User", userJson("c@corp.example"));
        assertEquals(400, third.status());
        assertEquals(
                "LICENSE_LIMIT_EXCEEDED", third.json().get(0).get("errorCode").asText());
        JsonNode salesforce = client.get(V + "/query?q="
                        + enc("SELECT TotalLicenses, UsedLicenses FROM UserLicense" + " WHERE Name = 'Salesforce'"))
                .json()
                .at("/records/0");
        assertEquals(3, salesforce.get("TotalLicenses").asInt());
        assertEquals(3, salesforce.get("UsedLicenses").asInt());

        // a Chatter Free user takes another license; a deactivated user frees one
        assertEquals(
                201,
                client.post(
                                V + "/sobjects/User",
                                userJson("c@corp.example")
                                        .replace(
                                                Org.STANDARD_USER_PROFILE_ID,
                                                chatter.get("Id").asText()))
                        .status());
        assertEquals(
                204,
                client.patch(V + "/sobjects/User/" + a, "{\"IsActive\":false}").status());
        assertEquals(
                201,
                client.post(V + "/sobjects/User", userJson("d@corp.example")).status());
        EmulatorClient.Answer back = client.patch(V + "/sobjects/User/" + a, "{\"IsActive\":true}");
        assertEquals(
                "LICENSE_LIMIT_EXCEEDED", back.json().get(0).get("errorCode").asText());
    }

    @Test
    void standardRecordsLookReal() throws Exception {
        JsonNode profiles = client.get(V + "/query?q=" + enc("SELECT Name FROM Profile ORDER BY Name"))
                .json()
                .get("records");
        String names = profiles.toString();
        assertTrue(names.contains("System Administrator") && names.contains("Standard User"), names);
        assertTrue(names.contains("Chatter Free User"), names);
        // no custom field exists until one is defined
        assertFalse(client.get(V + "/sobjects/Lead/describe").raw().body().contains("__c"));
        assertEquals(
                404, client.patch(V + "/sobjects/Lead/External_Id__c/x", "{}").status());
    }
}
