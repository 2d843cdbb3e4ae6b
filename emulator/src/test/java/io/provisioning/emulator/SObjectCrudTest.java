package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.V;
import static io.provisioning.emulator.EmulatorClient.enc;
import static io.provisioning.emulator.EmulatorClient.userJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SObjectCrudTest {
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

    private static JsonNode error(EmulatorClient.Answer a) {
        return a.json().get(0);
    }

    @Test
    void leadLifecycle() throws Exception {
        EmulatorClient.Answer created = client.post(
                V + "/sobjects/Lead",
                "{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"Company\":\"Engines\",\"Email\":\"ada@example.com\"}");
        assertEquals(201, created.status());
        assertTrue(created.json().get("success").asBoolean());
        assertEquals(0, created.json().get("errors").size());
        String id = created.json().get("id").asText();
        assertTrue(id.startsWith("00Q") && id.length() == 18);

        EmulatorClient.Answer got = client.get(V + "/sobjects/Lead/" + id);
        assertEquals(200, got.status());
        assertEquals("Lead", got.json().get("attributes").get("type").asText());
        assertEquals(
                V + "/sobjects/Lead/" + id,
                got.json().get("attributes").get("url").asText());
        assertEquals("Ada Lovelace", got.json().get("Name").asText());
        assertEquals("Open - Not Contacted", got.json().get("Status").asText());
        assertTrue(got.json().has("Phone") && got.json().get("Phone").isNull());
        assertTrue(got.json()
                .get("CreatedDate")
                .asText()
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"));
        assertFalse(got.json().get("IsDeleted").asBoolean());

        EmulatorClient.Answer some = client.get(V + "/sobjects/Lead/" + id.substring(0, 15) + "?fields=Id,Company");
        assertEquals(3, some.json().size());

        assertEquals(
                204,
                client.patch(V + "/sobjects/Lead/" + id, "{\"Title\":\"Countess\"}")
                        .status());
        assertEquals(
                "Countess",
                client.get(V + "/sobjects/Lead/" + id).json().get("Title").asText());

        assertEquals(204, client.delete(V + "/sobjects/Lead/" + id).status());
        EmulatorClient.Answer gone = client.get(V + "/sobjects/Lead/" + id);
        assertEquals(404, gone.status());
        assertEquals("NOT_FOUND", error(gone).get("errorCode").asText());
        EmulatorClient.Answer again = client.delete(V + "/sobjects/Lead/" + id);
        assertEquals(404, again.status());
        assertEquals("ENTITY_IS_DELETED", error(again).get("errorCode").asText());
        assertEquals(
                "ENTITY_IS_DELETED",
                error(client.patch(V + "/sobjects/Lead/" + id, "{\"Title\":\"x\"}"))
                        .get("errorCode")
                        .asText());
    }

    @Test
    void writeErrorsLookLikeSalesforce() throws Exception {
        EmulatorClient.Answer missing = client.post(V + "/sobjects/Lead", "{\"FirstName\":\"x\"}");
        assertEquals(400, missing.status());
        assertEquals("REQUIRED_FIELD_MISSING", error(missing).get("errorCode").asText());
        assertEquals(
                "Required fields are missing: [LastName, Company]",
                error(missing).get("message").asText());
        assertEquals(2, error(missing).get("fields").size());

        EmulatorClient.Answer unknown =
                client.post(V + "/sobjects/Lead", "{\"LastName\":\"x\",\"Company\":\"c\",\"Foo\":1}");
        assertEquals(400, unknown.status());
        assertEquals("INVALID_FIELD", error(unknown).get("errorCode").asText());
        assertEquals(
                "No such column 'Foo' on sobject of type Lead",
                error(unknown).get("message").asText());

        EmulatorClient.Answer email =
                client.post(V + "/sobjects/Contact", "{\"LastName\":\"x\",\"Email\":\"not an email\"}");
        assertEquals("INVALID_EMAIL_ADDRESS", error(email).get("errorCode").asText());
        assertEquals(
                "Email: invalid email address: not an email",
                error(email).get("message").asText());

        String longName = "x".repeat(81);
        EmulatorClient.Answer tooLong = client.post(V + "/sobjects/Contact", "{\"LastName\":\"" + longName + "\"}");
        assertEquals("STRING_TOO_LONG", error(tooLong).get("errorCode").asText());
        assertEquals(
                "Last Name: data value too large: " + longName + " (max length=80)",
                error(tooLong).get("message").asText());

        EmulatorClient.Answer readOnly = client.post(
                V + "/sobjects/Contact", "{\"LastName\":\"x\",\"CreatedDate\":\"2020-01-01T00:00:00.000+0000\"}");
        assertEquals(
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                error(readOnly).get("errorCode").asText());

        EmulatorClient.Answer malformed = client.get(V + "/sobjects/Lead/AAA");
        assertEquals(404, malformed.status());
        assertEquals(
                "Provided external ID field does not exist or is not accessible: AAA",
                error(malformed).get("message").asText());
        assertEquals(404, client.get(V + "/sobjects/Bogus/00Q000000000000").status());
    }

    @Test
    void usersAreUniqueCannotBeDeletedAndHavePasswords() throws Exception {
        String id = client.create("User", userJson("jane@corp.example"));
        assertTrue(id.startsWith("005"));
        EmulatorClient.Answer dup = client.post(V + "/sobjects/User", userJson("JANE@corp.example"));
        assertEquals(400, dup.status());
        assertEquals("DUPLICATE_USERNAME", error(dup).get("errorCode").asText());
        assertEquals("Username", error(dup).get("fields").get(0).asText());
        assertTrue(error(dup).get("message").asText().startsWith("Duplicate Username.<br>"));

        EmulatorClient.Answer del = client.delete(V + "/sobjects/User/" + id);
        assertEquals(405, del.status());
        assertEquals("METHOD_NOT_ALLOWED", error(del).get("errorCode").asText());
        assertEquals(
                "HTTP Method 'DELETE' not allowed. Allowed are HEAD,GET,PATCH",
                error(del).get("message").asText());
        assertEquals(
                204,
                client.patch(V + "/sobjects/User/" + id, "{\"IsActive\":false}").status());
        assertFalse(
                client.get(V + "/sobjects/User/" + id).json().get("IsActive").asBoolean());

        EmulatorClient.Answer weak =
                client.post(V + "/sobjects/User/" + id + "/password", "{\"NewPassword\":\"abcdefghij\"}");
        assertEquals(400, weak.status());
        assertEquals("INVALID_NEW_PASSWORD", error(weak).get("errorCode").asText());
        assertEquals(
                "Your password must have a mix of letters and numbers.",
                error(weak).get("message").asText());
        assertEquals(
                204,
                client.post(V + "/sobjects/User/" + id + "/password", "{\"NewPassword\":\"s3cretPass\"}")
                        .status());
        assertTrue(client.get("/emulator/users/" + id + "/password-check?password=s3cretPass")
                .json()
                .get("matches")
                .asBoolean());
        assertFalse(client.get("/emulator/users/" + id + "/password-check?password=other1234")
                .json()
                .get("matches")
                .asBoolean());
        assertFalse(client.get(V + "/sobjects/User/" + id + "/password")
                .json()
                .get("isExpired")
                .asBoolean());
        EmulatorClient.Answer reset = client.delete(V + "/sobjects/User/" + id + "/password");
        String generated = reset.json().get("NewPassword").asText();
        assertTrue(client.get(V + "/sobjects/User/" + id + "/password")
                .json()
                .get("isExpired")
                .asBoolean());
        assertTrue(client.get("/emulator/users/" + id + "/password-check?password=" + enc(generated))
                .json()
                .get("matches")
                .asBoolean());

        EmulatorClient.Answer login = client.get(
                V + "/query?q=" + enc("SELECT Id, UserId, IsFrozen FROM UserLogin WHERE UserId = '" + id + "'"));
        assertEquals(1, login.json().get("totalSize").asInt());
        String loginId = login.json().get("records").get(0).get("Id").asText();
        assertFalse(login.json().get("records").get(0).get("IsFrozen").asBoolean());
        assertEquals(
                204,
                client.patch(V + "/sobjects/UserLogin/" + loginId, "{\"IsFrozen\":true}")
                        .status());
        assertTrue(client.get(V + "/sobjects/UserLogin/" + loginId)
                .json()
                .get("IsFrozen")
                .asBoolean());
    }

    @Test
    void upsertByExternalId() throws Exception {
        // custom fields exist only where defined, as in a real org
        assertEquals(
                404,
                client.patch(V + "/sobjects/Contact/External_Id__c/EXT-0", "{\"LastName\":\"One\"}")
                        .status());
        emulator.defineExternalIdField("Contact", "External_Id__c");
        EmulatorClient.Answer created =
                client.patch(V + "/sobjects/Contact/External_Id__c/EXT-1", "{\"LastName\":\"One\"}");
        assertEquals(201, created.status());
        assertTrue(created.json().get("created").asBoolean());
        String id = created.json().get("id").asText();
        EmulatorClient.Answer updated =
                client.patch(V + "/sobjects/Contact/External_Id__c/EXT-1", "{\"LastName\":\"Uno\"}");
        assertEquals(200, updated.status());
        assertFalse(updated.json().get("created").asBoolean());
        assertEquals(id, updated.json().get("id").asText());
        assertEquals(
                "Uno",
                client.get(V + "/sobjects/Contact/External_Id__c/EXT-1")
                        .json()
                        .get("LastName")
                        .asText());
        EmulatorClient.Answer badField = client.patch(V + "/sobjects/Contact/Namez/x", "{\"LastName\":\"x\"}");
        assertEquals(404, badField.status());
        assertEquals(
                "Provided external ID field does not exist or is not accessible: Namez",
                error(badField).get("message").asText());
        EmulatorClient.Answer dup =
                client.post(V + "/sobjects/Contact", "{\"LastName\":\"x\",\"External_Id__c\":\"ext-1\"}");
        assertEquals("DUPLICATE_VALUE", error(dup).get("errorCode").asText());

        // a non-unique external id added through the control endpoint allows several matches: 300
        assertEquals(
                201,
                client.post(
                                "/emulator/schema/Contact",
                                "{\"field\":\"Badge__c\",\"externalId\":true,\"unique\":false,\"length\":20}")
                        .status());
        client.create("Contact", "{\"LastName\":\"a\",\"Badge__c\":\"B1\"}");
        client.create("Contact", "{\"LastName\":\"b\",\"Badge__c\":\"B1\"}");
        EmulatorClient.Answer multiple = client.patch(V + "/sobjects/Contact/Badge__c/B1", "{\"LastName\":\"c\"}");
        assertEquals(300, multiple.status());
        assertEquals(2, multiple.json().size());
    }
}
