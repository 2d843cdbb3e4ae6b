package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.V;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults with {@code applied: true} on every write operation (create, update, delete, upsert, composite): the call
 * takes effect, then its answer is replaced by the fault's status or lost; rate-based faults for chaos runs; and the
 * calls endpoint telling what was applied and which answers were lost.
 */
class AppliedFaultsTest {
    private SalesforceEmulator emulator;
    private EmulatorClient client;

    @BeforeEach
    void start() throws Exception {
        emulator = new SalesforceEmulator(EmulatorSettings.defaults().withPort(0));
        emulator.start();
        client = new EmulatorClient(emulator).login();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aStatusFaultWithAppliedTrueAppliesEachWriteThenAnswersTheError() throws Exception {
        String id = client.post(V + "/sobjects/Lead", "{\"LastName\":\"A\",\"Company\":\"C\"}")
                .json()
                .get("id")
                .asText();
        emulator.defineExternalIdField("Lead", "Provisioning_Id__c");

        fault("update");
        assertEquals(
                503,
                client.patch(V + "/sobjects/Lead/" + id, "{\"Title\":\"Updated\"}")
                        .status());
        assertEquals("Updated", lead(id).get("Title").asText(), "applied although answered 503");

        fault("upsert");
        assertEquals(
                503,
                client.patch(V + "/sobjects/Lead/Provisioning_Id__c/u-1", "{\"LastName\":\"Up\",\"Company\":\"C\"}")
                        .status());
        assertEquals(1, count("Provisioning_Id__c = 'u-1'"));

        fault("composite");
        assertEquals(
                503,
                client.patch(
                                V + "/composite/sobjects/Lead/Provisioning_Id__c",
                                "{\"allOrNone\":false,\"records\":["
                                        + "{\"attributes\":{\"type\":\"Lead\"},\"Provisioning_Id__c\":\"u-2\",\"LastName\":\"B\",\"Company\":\"C\"}]}")
                        .status());
        assertEquals(1, count("Provisioning_Id__c = 'u-2'"));

        fault("create");
        assertEquals(
                503,
                client.post(V + "/sobjects/Lead", "{\"LastName\":\"Created\",\"Company\":\"C\"}")
                        .status());
        assertEquals(1, count("LastName = 'Created'"));

        fault("delete");
        assertEquals(503, client.delete(V + "/sobjects/Lead/" + id).status());
        assertEquals(404, client.get(V + "/sobjects/Lead/" + id).status(), "deleted although answered 503");

        JsonNode calls = client.get("/emulator/calls").json();
        for (String op : new String[] {"create", "update", "delete", "upsert", "composite"}) {
            assertEquals(1, calls.get("answerLost").get(op).asInt(), op + ": " + calls);
        }
        assertEquals(2, calls.get("applied").get("create").asInt(), "the plain create and the faulted one: " + calls);
    }

    @Test
    void aCompositeCallAppliedThenDroppedLeavesItsRecords() throws Exception {
        client.post(
                "/emulator/faults", "{\"operation\":\"composite\",\"timeout\":true,\"applied\":true,\"millis\":50}");
        HttpRequest request = client.authed(V + "/composite/sobjects")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"allOrNone\":false,\"records\":["
                        + "{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"X\",\"Company\":\"Dropped\"},"
                        + "{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"Y\",\"Company\":\"Dropped\"}]}"))
                .build();
        assertThrows(IOException.class, () -> client.send(request));
        assertEquals(2, count("Company = 'Dropped'"));
        assertEquals(
                1,
                client.get("/emulator/calls")
                        .json()
                        .get("answerLost")
                        .get("composite")
                        .asInt());
    }

    @Test
    void aRateFaultHitsItsShareOfCallsRepeatablyWithASeed() throws Exception {
        int first = refusedOutOf(400, 42);
        assertTrue(first > 20 && first < 60, "about 10 % of 400: " + first);
        assertEquals(204, client.post("/emulator/reset", "").status());
        assertEquals(first, refusedOutOf(400, 42), "the same seed, the same calls hit");
        assertEquals(
                first,
                client.get("/emulator/calls")
                        .json()
                        .get("refusedByFault")
                        .get("create")
                        .asInt());
        assertEquals(400 - first, count("Company = 'Rate'"), "the refused calls were not applied");
    }

    private int refusedOutOf(int calls, long seed) throws Exception {
        client.post(
                "/emulator/faults",
                "{\"operation\":\"create\",\"rate\":0.1,\"seed\":" + seed
                        + ",\"status\":503,\"errorCode\":\"SERVER_UNAVAILABLE\"}");
        int refused = 0;
        for (int i = 0; i < calls; i++) {
            if (client.post(V + "/sobjects/Lead", "{\"LastName\":\"R" + i + "\",\"Company\":\"Rate\"}")
                            .status()
                    == 503) {
                refused++;
            }
        }
        assertEquals(1, client.get("/emulator/faults").json().size(), "a rate fault stays set");
        client.delete("/emulator/faults");
        return refused;
    }

    private void fault(String operation) throws Exception {
        client.post(
                "/emulator/faults",
                "{\"operation\":\"" + operation + "\",\"status\":503,\"errorCode\":\"SERVER_UNAVAILABLE\","
                        + "\"applied\":true}");
    }

    private JsonNode lead(String id) throws Exception {
        return client.get(V + "/sobjects/Lead/" + id).json();
    }

    private int count(String where) throws Exception {
        return client.get(V + "/query?q=" + EmulatorClient.enc("SELECT COUNT() FROM Lead WHERE " + where))
                .json()
                .get("totalSize")
                .asInt();
    }
}
