package io.provisioning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.Application;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Entitlements benchmark (run by {@code bench/entitlements-benchmark.sh}, not a test): starts the bundle with its
 * embedded emulator and one User application, drops a file of N users (default 10,000) and waits until they are
 * Users in the org, then drops a file giving each of them 3 permission sets (an {@code update}: no User field
 * changes, so every call it makes is an entitlement call) and prints the API calls of each file. Issue 20's goal: at
 * most 160 calls beyond the user writes for 10,000 users with 3 permission sets each.
 */
public final class EntitlementsBenchmark {

    private static final int USERS = Integer.getInteger("bench.users", 10_000);
    private static final String APP = "salesforce-users";
    private static final String SETS = "Sales_Ops;Service_Agent;Reports_Builder";

    private EntitlementsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int emulatorPort = TestEnvironment.freePort();
        TestEnvironment env = TestEnvironment.create("entitlements-bench")
                .withUserApplication()
                .withQuickInbox()
                .with("provisioning.applications", APP)
                .with("provisioning.salesforce.emulator.port", String.valueOf(emulatorPort))
                .asSystemProperties();
        Thread bundle = new Thread(
                () -> {
                    try {
                        Application.run(new String[0]);
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                },
                "bundle");
        bundle.setDaemon(true);
        bundle.start();
        ApiClient api = env.api();
        Await.until(() -> status(api), s -> s == 200, Duration.ofSeconds(120));
        EmulatorClient org = EmulatorClient.defaultOrg("http://127.0.0.1:" + emulatorPort);
        // room for N Users on the Salesforce license (the seed has 250)
        org.control("PUT", "/emulator/licenses/Salesforce", "{\"total\":" + (USERS + 100) + "}");

        StringBuilder users = new StringBuilder("userName,email,lastName,company\n");
        StringBuilder sets = new StringBuilder("action,userName,entitlements." + APP + ".permissionSets\n");
        for (int i = 0; i < USERS; i++) {
            String name = "ent" + i + "@bench.example.com";
            users.append(name)
                    .append(',')
                    .append(name)
                    .append(",Bench")
                    .append(i)
                    .append(",Acme\n");
            sets.append("update,").append(name).append(',').append(SETS).append('\n');
        }
        Path inbox = env.inbox();
        Files.createDirectories(inbox);

        long usersBefore = count(org, "SELECT COUNT() FROM User");
        org.control("DELETE", "/emulator/calls", "{}");
        long started = System.nanoTime();
        drop(inbox, "users.csv", users.toString());
        long created = Await.until(
                        () -> countQuiet(org, "SELECT COUNT() FROM User"),
                        n -> n >= usersBefore + USERS,
                        Duration.ofMinutes(30))
                - usersBefore;
        JsonNode userCalls = org.calls();
        System.out.printf(
                "file 1, %,d users created: %.1f s, %d API calls %s%n",
                created,
                (System.nanoTime() - started) / 1e9,
                userCalls.path("total").asInt() - waitQueries,
                userCalls.path("byOperation"));

        // the users' writes are all finished (the last ones' results recorded) before the second file is counted
        Thread.sleep(5_000);
        long assignmentsBefore = count(org, "SELECT COUNT() FROM PermissionSetAssignment");
        org.control("DELETE", "/emulator/calls", "{}");
        waitQueries = 0;
        started = System.nanoTime();
        drop(inbox, "permission-sets.csv", sets.toString());
        Await.until(
                () -> countQuiet(org, "SELECT COUNT() FROM PermissionSetAssignment"),
                n -> n >= assignmentsBefore + 3L * USERS,
                Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonNode calls = org.calls();
        // less the COUNT() queries of this wait, which the bundle did not make
        int waits = Math.toIntExact(waitQueries);
        System.out.printf(
                "file 2, %,d users x 3 permission sets (%,d assignments): %.1f s, %d API calls beyond the user writes"
                        + " (goal <= 160) %s%n",
                USERS, 3L * USERS, seconds, calls.path("total").asInt() - waits, calls.path("byOperation"));
        System.exit(0);
    }

    private static long waitQueries;

    /** A file appears in the inbox whole (written beside it, then moved in). */
    private static void drop(Path inbox, String name, String content) throws Exception {
        Path written = inbox.getParent().resolve(name + ".part");
        Files.writeString(written, content);
        Files.move(written, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static long count(EmulatorClient org, String soql) {
        return org.query(soql).path("totalSize").asLong();
    }

    private static long countQuiet(EmulatorClient org, String soql) {
        waitQueries++;
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return count(org, soql);
    }

    private static int status(ApiClient api) {
        try {
            return api.getWithoutToken("/health").status();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
