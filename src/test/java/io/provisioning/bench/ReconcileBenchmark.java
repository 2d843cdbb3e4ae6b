package io.provisioning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reconcile benchmark (run by {@code bench/reconcile-benchmark.sh}, not a test): starts the bundle with its embedded
 * emulator, creates N Leads in the org (default 10,000), imports them (N linked users), changes 1 % of them directly
 * in the org, then prints the API calls and wall time of a {@code report} reconcile and of a {@code repair}
 * reconcile (until its repairs are written). Issue 17's goal: at most 60 calls for 10,000 linked users.
 */
public final class ReconcileBenchmark {

    private static final int USERS = Integer.getInteger("bench.users", 10_000);

    private ReconcileBenchmark() {}

    public static void main(String[] args) throws Exception {
        int emulatorPort = TestEnvironment.freePort();
        TestEnvironment env = TestEnvironment.create("reconcile-bench")
                .with("provisioning.salesforce.emulator.port", String.valueOf(emulatorPort))
                .asSystemProperties();
        ApiClient api = RunningBundle.start(env);
        EmulatorClient org = EmulatorClient.defaultOrg("http://127.0.0.1:" + emulatorPort);

        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            leads.add(Map.of(
                    "LastName",
                    "Bench" + i,
                    "FirstName",
                    "User",
                    "Company",
                    "Acme",
                    "Email",
                    "bench" + i + "@example.com"));
        }
        List<String> ids = org.createMany("Lead", leads);
        String importJob = api.post("/api/applications/salesforce/import")
                .json()
                .path("id")
                .asText();
        JsonNode imported = awaitJob(api, importJob, Duration.ofMinutes(10));
        System.out.printf("imported: %s%n", imported);
        int drifted = Math.max(1, USERS / 100);
        for (int i = 0; i < drifted; i++) {
            org.update("Lead", ids.get(i * (USERS / drifted)), "{\"Company\":\"Changed in the org\"}");
        }

        for (String mode : List.of("report", "repair")) {
            org.control("DELETE", "/emulator/calls", "{}");
            long started = System.nanoTime();
            String job = api.post("/api/applications/salesforce/reconcile?mode=" + mode)
                    .json()
                    .path("id")
                    .asText();
            JsonNode done = awaitJob(api, job, Duration.ofMinutes(10));
            double reconcileSeconds = (System.nanoTime() - started) / 1e9;
            JsonNode calls = org.calls();
            System.out.printf(
                    "reconcile %s of %,d linked users: %.1f s, %d API calls %s; %s%n",
                    mode,
                    USERS,
                    reconcileSeconds,
                    calls.path("total").asInt(),
                    calls.path("byOperation"),
                    done.path("error").asText());
            if ("repair".equals(mode)) {
                Await.until(
                        () -> org.query("SELECT COUNT() FROM Lead WHERE Company = 'Changed in the org'")
                                .path("totalSize")
                                .asInt(),
                        n -> n == 0,
                        Duration.ofMinutes(5));
                JsonNode after = org.calls();
                System.out.printf(
                        "repair written back (%d drifted records) after %.1f s: %d API calls in all %s%n",
                        drifted,
                        (System.nanoTime() - started) / 1e9,
                        // less the COUNT() queries of this wait
                        after.path("total").asInt()
                                - after.path("byOperation").path("query").asInt(),
                        after.path("byOperation"));
            }
        }
        System.exit(0);
    }

    private static JsonNode awaitJob(ApiClient api, String id, Duration timeout) {
        return Await.until(
                () -> api.get("/api/jobs/" + id).json(),
                j -> !"running".equals(j.path("status").asText()),
                timeout);
    }
}
