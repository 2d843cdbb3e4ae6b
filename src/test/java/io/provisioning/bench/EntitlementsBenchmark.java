package io.provisioning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entitlements benchmark (run by {@code bench/entitlements-benchmark.sh}, not a test): starts the bundle with its
 * embedded emulator and one User application, makes N Users in the org (default 10,000) and imports them (linked
 * users), then drops a file giving each of them 3 permission sets (an {@code update} with no User field changed, so
 * every call it causes is an entitlement call) and prints that file's API calls. Issue 20's goal: at most 160 calls
 * beyond the user writes for 10,000 users with 3 permission sets each.
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
                // a loaded machine answers slowly: no call should time out and be sent twice while measured
                .with("provisioning.salesforce.request-timeout-ms", "180000")
                .asSystemProperties();
        ApiClient api = RunningBundle.start(env);
        EmulatorClient org = EmulatorClient.defaultOrg("http://127.0.0.1:" + emulatorPort);
        // room for N Users on the Salesforce license (the seed has 250)
        org.control("PUT", "/emulator/licenses/Salesforce", "{\"total\":" + (USERS + 100) + "}");

        // the users: Users made in the org and imported (linked users), so that the file measured carries only
        // entitlement work and a slow machine's user-write timeouts play no part
        List<Map<String, Object>> records = new ArrayList<>();
        StringBuilder sets = new StringBuilder("action,userName,entitlements." + APP + ".permissionSets\n");
        String profile = org.profileId("Standard User");
        for (int i = 0; i < USERS; i++) {
            String name = "ent" + i + "@bench.example.com";
            records.add(Map.of(
                    "Username",
                    name,
                    "Email",
                    name,
                    "LastName",
                    "Bench" + i,
                    "Alias",
                    "b" + i,
                    "ProfileId",
                    profile,
                    "TimeZoneSidKey",
                    "Europe/London",
                    "LocaleSidKey",
                    "en_GB",
                    "EmailEncodingKey",
                    "UTF-8",
                    "LanguageLocaleKey",
                    "en_US"));
            sets.append("update,").append(name).append(',').append(SETS).append('\n');
        }
        long started = System.nanoTime();
        org.createMany("User", records);
        String importJob = api.post("/api/applications/" + APP + "/import")
                .json()
                .path("id")
                .asText();
        JsonNode imported = Await.until(
                () -> api.get("/api/jobs/" + importJob).json(),
                j -> !"running".equals(j.path("status").asText()),
                Duration.ofMinutes(20));
        System.out.printf(
                "%,d Users made in the org and imported: %.1f s (%s)%n",
                USERS, (System.nanoTime() - started) / 1e9, imported);
        Path inbox = env.inbox();
        Files.createDirectories(inbox);

        long assignmentsBefore = count(org, "SELECT COUNT() FROM PermissionSetAssignment");
        org.control("DELETE", "/emulator/calls", "{}");
        started = System.nanoTime();
        drop(inbox, "permission-sets.csv", sets.toString());
        // until every row is read and none of the file's work is pending; the org is not asked meanwhile, so every
        // call it counts is the bundle's
        JsonNode job = Await.until(
                () -> fileJob(api, "permission-sets.csv"),
                j -> j.path("read").asInt() == USERS
                        && j.path("provisioningPending").asInt(-1) == 0
                        && j.path("provisioned").asInt()
                                        + j.path("provisioningFailed").asInt()
                                >= USERS,
                Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonNode calls = org.calls();
        long assigned = count(org, "SELECT COUNT() FROM PermissionSetAssignment") - assignmentsBefore;
        System.out.printf(
                "file of %,d users x 3 permission sets: %,d assignments made in %.1f s with %d API calls beyond the user"
                        + " writes (goal <= 160) %s; job %s%n",
                USERS, assigned, seconds, calls.path("total").asInt(), calls.path("byOperation"), job);
        System.exit(0);
    }

    /** A file appears in the inbox whole (written beside it, then moved in). */
    private static void drop(Path inbox, String name, String content) throws Exception {
        Path written = inbox.getParent().resolve(name + ".part");
        Files.writeString(written, content);
        Files.move(written, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static long count(EmulatorClient org, String soql) {
        try {
            return org.query(soql).path("totalSize").asLong();
        } catch (IllegalStateException e) {
            return -1; // e.g. the org's concurrent request limit while the bundle's calls run: ask again later
        }
    }

    /** The latest job of the file, or an empty node while it has none. */
    private static JsonNode fileJob(ApiClient api, String file) {
        for (JsonNode job : api.get("/api/bulk-files").json().path("jobs")) {
            if (file.equals(job.path("file").asText())) {
                return job;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
