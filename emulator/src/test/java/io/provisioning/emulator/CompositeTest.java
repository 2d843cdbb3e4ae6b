package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.V;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompositeTest {
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

    private static String lead(String last, String company) {
        return "{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"" + last + "\""
                + (company == null ? "" : ",\"Company\":\"" + company + "\"") + "}";
    }

    private static long count(String soql) throws Exception {
        return client.get(V + "/query?q=" + EmulatorClient.enc(soql))
                .json()
                .get("totalSize")
                .asLong();
    }

    @Test
    void allOrNoneFalseAppliesTheGoodRecords() throws Exception {
        EmulatorClient.Answer a = client.post(
                V + "/composite/sobjects",
                "{\"allOrNone\":false,\"records\":[" + lead("A1", "C") + "," + lead("A2", null) + "," + lead("A3", "C")
                        + "]}");
        assertEquals(200, a.status());
        assertTrue(a.json().get(0).get("success").asBoolean());
        JsonNode bad = a.json().get(1);
        assertFalse(bad.get("success").asBoolean());
        assertEquals(
                "REQUIRED_FIELD_MISSING",
                bad.get("errors").get(0).get("statusCode").asText());
        assertEquals("Company", bad.get("errors").get(0).get("fields").get(0).asText());
        assertTrue(a.json().get(2).get("success").asBoolean());
        assertEquals(2, count("SELECT Id FROM Lead WHERE LastName LIKE 'A%'"));
    }

    @Test
    void allOrNoneTrueRollsEverythingBack() throws Exception {
        long before = count("SELECT Id FROM Lead");
        EmulatorClient.Answer a = client.post(
                V + "/composite/sobjects",
                "{\"allOrNone\":true,\"records\":[" + lead("B1", "C") + "," + lead("B2", null) + "," + lead("B3", "C")
                        + "]}");
        assertEquals(200, a.status());
        for (JsonNode r : a.json()) {
            assertFalse(r.get("success").asBoolean());
        }
        assertEquals(
                "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                a.json().get(0).get("errors").get(0).get("statusCode").asText());
        assertEquals(
                "REQUIRED_FIELD_MISSING",
                a.json().get(1).get("errors").get(0).get("statusCode").asText());
        assertEquals(before, count("SELECT Id FROM Lead"));
    }

    @Test
    void updateDeleteRetrieveAndOneApiCall() throws Exception {
        EmulatorClient.Answer created = client.post(
                V + "/composite/sobjects", "{\"records\":[" + lead("C1", "X") + "," + lead("C2", "X") + "]}");
        String id1 = created.json().get(0).get("id").asText();
        String id2 = created.json().get(1).get("id").asText();
        long callsBefore = client.get("/emulator/calls")
                .json()
                .get("byOperation")
                .get("composite")
                .asLong();
        EmulatorClient.Answer updated = client.patch(
                V + "/composite/sobjects",
                "{\"allOrNone\":true,\"records\":["
                        + "{\"attributes\":{\"type\":\"Lead\"},\"id\":\"" + id1 + "\",\"Title\":\"T1\"},"
                        + "{\"attributes\":{\"type\":\"Lead\"},\"id\":\"" + id2 + "\",\"Title\":\"T2\"}]}");
        assertTrue(updated.json().get(1).get("success").asBoolean());
        assertEquals(
                callsBefore + 1,
                client.get("/emulator/calls")
                        .json()
                        .get("byOperation")
                        .get("composite")
                        .asLong());

        EmulatorClient.Answer got = client.get(
                V + "/composite/sobjects/Lead?ids=" + id1 + "," + id2 + ",00Q000000000000AAA&fields=Id,Title");
        assertEquals("T2", got.json().get(1).get("Title").asText());
        assertTrue(got.json().get(2).isNull());

        EmulatorClient.Answer deleted = client.delete(V + "/composite/sobjects?ids=" + id1 + ",AAA&allOrNone=true");
        assertEquals(200, deleted.status());
        assertEquals(id1, deleted.json().get(0).get("id").asText());
        assertEquals(
                "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                deleted.json().get(0).get("errors").get(0).get("statusCode").asText());
        assertEquals(
                "MALFORMED_ID",
                deleted.json().get(1).get("errors").get(0).get("statusCode").asText());
        assertEquals(200, client.get(V + "/sobjects/Lead/" + id1).status());
        EmulatorClient.Answer ok = client.delete(V + "/composite/sobjects?ids=" + id1 + "&allOrNone=false");
        assertTrue(ok.json().get(0).get("success").asBoolean());
        assertEquals(404, client.get(V + "/sobjects/Lead/" + id1).status());
    }

    @Test
    void moreThan200RecordsIsRefused() throws Exception {
        StringBuilder sb = new StringBuilder("{\"records\":[");
        for (int i = 0; i < 201; i++) {
            sb.append(i == 0 ? "" : ",").append(lead("D" + i, "C"));
        }
        EmulatorClient.Answer a =
                client.post(V + "/composite/sobjects", sb.append("]}").toString());
        assertEquals(400, a.status());
        assertEquals("EXCEEDED_ID_LIMIT", a.json().get(0).get("errorCode").asText());
        assertEquals(
                "record limit reached. cannot submit more than 200 records into this call",
                a.json().get(0).get("message").asText());
    }
}
