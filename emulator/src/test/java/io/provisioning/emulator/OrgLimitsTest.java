package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.V;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The org limits a test controls: the daily allocation, a new day, and the concurrent long-request limit. */
class OrgLimitsTest {

    private SalesforceEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aDeveloperEditionAllowsFifteenThousandCallsAndFiveLongOnes() throws Exception {
        EmulatorClient client = start(EmulatorSettings.defaults().withPort(0));
        EmulatorClient.Answer limits = client.get("/emulator/limits");
        assertEquals(15000, limits.json().path("DailyApiRequests").path("Max").asInt());
        assertEquals(5, limits.json().path("ConcurrentLongRequests").path("Max").asInt());
        assertEquals(
                20000,
                limits.json()
                        .path("ConcurrentLongRequests")
                        .path("ThresholdMillis")
                        .asInt());
    }

    @Test
    void theMaxIsChangedAndANewDayStartsAtZero() throws Exception {
        EmulatorClient client = start(EmulatorSettings.defaults().withPort(0));
        assertEquals(
                200,
                client.put("/emulator/limits", "{\"DailyApiRequests\":{\"Max\":3}}")
                        .status());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.get(V + "/limits").status());
        }
        EmulatorClient.Answer over = client.get(V + "/limits");
        assertEquals(403, over.status());
        assertEquals(
                "TotalRequests Limit exceeded.",
                over.json().get(0).path("message").asText());
        assertEquals("api-usage=3/3", over.header("Sforce-Limit-Info"));
        assertEquals(
                3,
                client.get("/emulator/limits")
                        .json()
                        .path("DailyApiRequests")
                        .path("Max")
                        .asInt(),
                "not counted");

        EmulatorClient.Answer reset = client.post("/emulator/limits/reset", "{}");
        assertEquals(200, reset.status());
        assertEquals(3, reset.json().path("DailyApiRequests").path("Remaining").asInt());
        EmulatorClient.Answer again = client.get(V + "/limits");
        assertEquals(200, again.status());
        assertEquals("api-usage=1/3", again.header("Sforce-Limit-Info"));
    }

    @Test
    void aResetUsageStaysResetAfterARestart() throws Exception {
        Path dir = Files.createTempDirectory("org-limits");
        EmulatorSettings settings = EmulatorSettings.defaults().withPort(0).withDataDir(dir);
        EmulatorClient client = start(settings);
        for (int i = 0; i < 5; i++) {
            client.get(V + "/limits");
        }
        client.post("/emulator/limits/reset", "{}");
        client.get(V + "/limits");
        emulator.close();
        EmulatorClient restarted = start(settings);
        assertEquals("api-usage=2/15000", restarted.get(V + "/limits").header("Sforce-Limit-Info"), "1 + this call");
    }

    @Test
    void callsBeyondTheConcurrentLongRequestLimitAreRefused() throws Exception {
        EmulatorClient client = start(EmulatorSettings.defaults().withPort(0));
        client.put("/emulator/limits", "{\"ConcurrentLongRequests\":{\"Max\":2,\"ThresholdMillis\":100}}");
        client.put("/emulator/latency", "{\"millis\":8000}");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<EmulatorClient.Answer>> slow = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                slow.add(pool.submit(() -> client.get(V + "/limits")));
            }
            // both slow calls have now run for longer than the threshold
            Thread.sleep(2000);
            EmulatorClient.Answer refused = client.get(V + "/limits");
            assertEquals(403, refused.status());
            assertEquals(
                    "REQUEST_LIMIT_EXCEEDED",
                    refused.json().get(0).path("errorCode").asText());
            assertEquals(
                    "ConcurrentRequests (Concurrent API Requests) Limit exceeded.",
                    refused.json().get(0).path("message").asText());
            for (Future<EmulatorClient.Answer> call : slow) {
                assertEquals(200, call.get(30, TimeUnit.SECONDS).status());
            }
            client.put("/emulator/latency", "{\"millis\":0}");
            assertEquals(200, client.get(V + "/limits").status(), "accepted once the long calls ended");
        } finally {
            pool.shutdownNow();
        }
    }

    private EmulatorClient start(EmulatorSettings settings) throws Exception {
        emulator = new SalesforceEmulator(settings);
        emulator.start();
        return new EmulatorClient(emulator).login();
    }
}
