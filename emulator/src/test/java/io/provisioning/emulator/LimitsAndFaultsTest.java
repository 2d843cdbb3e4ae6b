package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.V;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LimitsAndFaultsTest {
    private SalesforceEmulator emulator;
    private EmulatorClient client;

    @BeforeEach
    void start() throws Exception {
        emulator =
                new SalesforceEmulator(EmulatorSettings.defaults().withPort(0).withDailyApiLimit(10));
        emulator.start();
        client = new EmulatorClient(emulator).login();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void everyCallCountsAndTheLimitIsEnforced() throws Exception {
        EmulatorClient.Answer limits = client.get(V + "/limits/");
        assertEquals("api-usage=1/10", limits.header("Sforce-Limit-Info"));
        assertEquals(10, limits.json().get("DailyApiRequests").get("Max").asInt());
        assertEquals(9, limits.json().get("DailyApiRequests").get("Remaining").asInt());
        for (int i = 0; i < 9; i++) {
            assertEquals(
                    201,
                    client.post(V + "/sobjects/Contact", "{\"LastName\":\"L" + i + "\"}")
                            .status());
        }
        EmulatorClient.Answer over = client.get(V + "/limits");
        assertEquals(403, over.status());
        assertEquals(
                "REQUEST_LIMIT_EXCEEDED", over.json().get(0).get("errorCode").asText());
        assertEquals(
                "TotalRequests Limit exceeded.",
                over.json().get(0).get("message").asText());
        assertEquals("api-usage=10/10", over.header("Sforce-Limit-Info"));
        assertEquals(204, client.post("/emulator/reset", "").status());
        assertEquals(200, client.get(V + "/limits").status());
    }

    @Test
    void faultsAnswerTheGivenErrorAndAreNotApplied() throws Exception {
        client.post(
                "/emulator/faults",
                "{\"operation\":\"create\",\"count\":2,\"status\":503,\"errorCode\":\"SERVER_UNAVAILABLE\"}");
        for (int i = 0; i < 2; i++) {
            EmulatorClient.Answer a = client.post(V + "/sobjects/Contact", "{\"LastName\":\"F\"}");
            assertEquals(503, a.status());
            assertEquals("SERVER_UNAVAILABLE", a.json().get(0).get("errorCode").asText());
            assertEquals("Server too busy", a.json().get(0).get("message").asText());
        }
        assertEquals(
                201,
                client.post(V + "/sobjects/Contact", "{\"LastName\":\"F\"}").status());
        assertEquals(
                1,
                client.get(V + "/query?q=SELECT+Id+FROM+Contact")
                        .json()
                        .get("totalSize")
                        .asInt());
        assertEquals(
                3,
                client.get("/emulator/calls")
                        .json()
                        .get("byOperation")
                        .get("create")
                        .asInt());
    }

    @Test
    void timeoutFaultsHangAndDropTheConnection() throws Exception {
        client.post(
                "/emulator/faults",
                "{\"operation\":\"create\",\"count\":1,\"timeout\":true,\"millis\":300,\"applied\":true}");
        HttpRequest request = client.authed(V + "/sobjects/Contact")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"LastName\":\"Hang\"}"))
                .build();
        long t0 = System.nanoTime();
        assertThrows(IOException.class, () -> client.send(request));
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 250);
        // applied:true: the record exists although the client saw no answer
        assertEquals(
                1,
                client.get(V + "/query?q=SELECT+Id+FROM+Contact+WHERE+LastName='Hang'")
                        .json()
                        .get("totalSize")
                        .asInt());

        client.post("/emulator/faults", "{\"operation\":\"query\",\"count\":1,\"timeout\":true,\"millis\":5000}");
        HttpRequest q = client.authed(V + "/query?q=SELECT+Id+FROM+Contact")
                .timeout(Duration.ofMillis(500))
                .GET()
                .build();
        assertThrows(HttpTimeoutException.class, () -> client.send(q));
        assertEquals(204, client.delete("/emulator/faults").status());
    }

    @Test
    void latencyIsAddedWithoutBlockingOtherCalls() throws Exception {
        client.put("/emulator/latency", "{\"millis\":300}");
        assertEquals(300, client.get("/emulator/latency").json().get("millis").asInt());
        long t0 = System.nanoTime();
        var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<?>>();
        for (int i = 0; i < 8; i++) {
            futures.add(client.http.sendAsync(
                    client.authed(V + "/limits").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString()));
        }
        futures.forEach(java.util.concurrent.CompletableFuture::join);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 300 && ms < 2000, "8 parallel calls took " + ms + " ms");
    }
}
