package io.provisioning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Inbox;
import io.provisioning.testsupport.JvmProcesses;
import io.provisioning.testsupport.OrgTally;
import io.provisioning.testsupport.QueueClient;
import io.provisioning.testsupport.SchemaQueries;
import io.provisioning.testsupport.StandaloneOrg;
import io.provisioning.testsupport.TestEnvironment;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The chaos run of issue 14 on the packaged jar: users created from HTTP, a file and the queue (a third each), into
 * two applications of one emulated org (in its own JVM, so it outlives the bundle): {@code salesforce} (Leads, upsert
 * on Provisioning_Id__c) and {@code contacts} (Contacts, no external-id field: in-doubt creates are looked up). The
 * org applies then loses the answer of 5 % of calls and answers 2 % with 503 unapplied (100 ms a call); the bundle is
 * killed with SIGKILL at a fifth of the work and again after the restarted one has done another tenth. Used by {@code
 * ChaosIT} (asserts) and {@code bench/chaos-benchmark.sh} (prints the figures).
 */
public final class ChaosRun {

    /** What the run ended with. */
    public record Figures(
            int users,
            double seconds,
            int leads,
            int contacts,
            int duplicateLeads,
            int duplicateContacts,
            int linkedLeads,
            int linkedContacts,
            int failedLinks,
            int upserted,
            int adopted,
            int ambiguous,
            int lostAnswers,
            int refusedCalls,
            int apiCalls,
            List<Integer> provisionedAtKill) {

        @Override
        public String toString() {
            return String.format(
                    "users=%d wall=%.1fs leads=%d contacts=%d duplicate-leads=%d duplicate-contacts=%d"
                            + " linked-leads=%d linked-contacts=%d failed-links=%d report-upserted=%d report-adopted=%d"
                            + " ambiguous=%d answers-lost-after-apply=%d refused-503=%d api-calls=%d provisioned-links-at-kills=%s",
                    users,
                    seconds,
                    leads,
                    contacts,
                    duplicateLeads,
                    duplicateContacts,
                    linkedLeads,
                    linkedContacts,
                    failedLinks,
                    upserted,
                    adopted,
                    ambiguous,
                    lostAnswers,
                    refusedCalls,
                    apiCalls,
                    provisionedAtKill);
        }
    }

    private final TestEnvironment env;
    private final Path jar;
    private final Path dataDir;
    private final SchemaQueries db;
    private final ChaosFeeds feeds;
    private final int users;

    public ChaosRun(TestEnvironment env, Path jar, int users) {
        this.env = env;
        this.jar = jar;
        this.users = users;
        this.dataDir = Path.of(env.properties().get("provisioning.data.dir")).toAbsolutePath();
        this.db = new SchemaQueries(env);
        this.feeds = new ChaosFeeds("chaos", "Chaos");
    }

    public Figures run() throws Exception {
        Files.createDirectories(dataDir.resolve("inbox"));
        List<Process> bundles = new ArrayList<>();
        // closed in reverse: the bundles stop before the org they talk to
        try (StandaloneOrg standalone = StandaloneOrg.start(dataDir.resolve("emulator.log"));
                AutoCloseable stopBundles = () -> {
                    for (Process bundle : bundles) {
                        JvmProcesses.stop(bundle);
                    }
                }) {
            EmulatorClient org = standalone.client();
            // the admin's setup of the Lead application's org; the Contact one has no such field
            org.control("POST", "/emulator/schema/Lead", "{\"field\":\"Provisioning_Id__c\",\"externalId\":true}");
            org.control(
                    "POST",
                    "/emulator/faults",
                    "{\"operation\":\"any\",\"rate\":0.05,\"timeout\":true,\"applied\":true,"
                            + "\"millis\":200,\"seed\":14}");
            org.control(
                    "POST",
                    "/emulator/faults",
                    "{\"operation\":\"any\",\"rate\":0.02,\"status\":503," + "\"errorCode\":\"SERVER_UNAVAILABLE\"}");
            // each call takes a little while, so the kills fall in the middle of the work
            org.control("PUT", "/emulator/latency", "{\"millis\":100}");
            Map<String, String> properties = properties(standalone);
            long start = System.nanoTime();
            bundles.add(startBundle(properties, 1));
            feedFileAndQueue();
            ExecutorService feeder = Executors.newSingleThreadExecutor();
            Future<?> http = feeder.submit(() -> feedHttp());
            List<Integer> atKill = new ArrayList<>();
            for (int kill = 1; kill <= 2; kill++) {
                // the first kill at a fifth of the work; the second once the restarted bundle has done a share of its
                // own
                int threshold = kill == 1 ? users * 2 / 5 : Math.min(atKill.get(0) + users * 2 / 10, users * 2 - 1);
                Await.until(this::provisionedLinks, n -> n >= threshold, Duration.ofMinutes(10));
                JvmProcesses.kill(bundles.get(bundles.size() - 1));
                atKill.add(provisionedLinks());
                bundles.add(startBundle(properties, kill + 1));
            }
            http.get();
            feeder.shutdown();
            Await.until(this::finished, done -> done, Duration.ofMinutes(20));
            double seconds = (System.nanoTime() - start) / 1e9;
            org.control("DELETE", "/emulator/faults", ""); // the chaos is over: the checks read the org undisturbed
            return figures(org, seconds, atKill);
        }
    }

    private Map<String, String> properties(StandaloneOrg org) throws Exception {
        Path contactsMapping = dataDir.resolve("contacts.yaml");
        Files.writeString(contactsMapping, "fields:\n  LastName: lastName\n  FirstName: firstName\n  Email: email\n");
        Map<String, String> p = new LinkedHashMap<>(env.properties());
        p.put("provisioning.applications", "salesforce,contacts");
        p.put("provisioning.application.contacts.sobject", "Contact");
        p.put("provisioning.application.contacts.mapping", contactsMapping.toString());
        for (String app : List.of("salesforce", "contacts")) {
            // client credentials, the default flow: the standalone emulator's registered client
            org.applicationSettings(app).forEach(setting -> p.put(setting[0], setting[1]));
        }
        p.put("provisioning.outbox.collection-size", "10"); // many calls, so the fault rates bite
        p.put("provisioning.outbox.batch-size", "200");
        p.put("provisioning.outbox.lease-seconds", "10"); // a killed instance's claims are taken over soon
        p.put("provisioning.retry.max-attempts", "12");
        p.put("provisioning.inbox.lease-seconds", "3");
        p.put("provisioning.inbox.min-age-ms", "200");
        p.put("provisioning.inbox.poll-interval-ms", "200");
        return p;
    }

    /** A third of the users from a file, a third from the queue, both accepted by the first bundle. */
    private void feedFileAndQueue() throws Exception {
        Inbox.drop(dataDir.resolve("inbox"), "chaos.csv", feeds.csv(users / 3));
        try (QueueClient queue = env.queueClient()) {
            queue.sendAll("provisioning.requests", feeds.queueMessages(users / 3));
        }
    }

    /** The rest over HTTP, four clients, while the bundle is killed and restarted. */
    private Void feedHttp() throws Exception {
        feeds.postUsers(List.of(env.api()), users - 2 * (users / 3), 4);
        return null;
    }

    private boolean finished() {
        return count("SELECT COUNT(*) FROM directory_user WHERE user_name_key LIKE 'chaos-%'") == users
                && count("SELECT COUNT(*) FROM provisioning_outbox WHERE status = 'pending'") == 0
                && count("SELECT COUNT(*) FROM application_link WHERE state IN ('provisioned', 'failed')")
                        == users * 2L;
    }

    private long count(String query) {
        return db.count(query);
    }

    private int provisionedLinks() {
        return (int) count("SELECT COUNT(*) FROM application_link WHERE state = 'provisioned'");
    }

    private Figures figures(EmulatorClient org, double seconds, List<Integer> atKill) {
        List<JsonNode> leads = org.queryAll("SELECT Id, Email FROM Lead WHERE Company = 'Chaos'");
        List<JsonNode> contacts = org.queryAll("SELECT Id, Email FROM Contact WHERE Email LIKE 'chaos-%'");
        JsonNode calls = org.calls();
        return new Figures(
                users,
                seconds,
                leads.size(),
                contacts.size(),
                OrgTally.duplicates(leads),
                OrgTally.duplicates(contacts),
                OrgTally.linked(db, "salesforce", leads),
                OrgTally.linked(db, "contacts", contacts),
                (int) count("SELECT COUNT(*) FROM application_link WHERE state <> 'provisioned'"),
                (int) count("SELECT COUNT(*) FROM provisioning_report WHERE error_code = 'UPSERTED'"),
                (int) count("SELECT COUNT(*) FROM provisioning_report WHERE error_code = 'ADOPTED'"),
                (int) count("SELECT COUNT(*) FROM provisioning_report WHERE error_code = 'AMBIGUOUS_MATCH'"),
                sum(calls.path("answerLost")),
                sum(calls.path("refusedByFault")),
                calls.path("total").asInt(),
                atKill);
    }

    private static int sum(JsonNode counts) {
        int total = 0;
        for (JsonNode n : counts) {
            total += n.asInt();
        }
        return total;
    }

    private Process startBundle(Map<String, String> properties, int run) throws Exception {
        return JvmProcesses.startBundle(
                jar, List.of("-Xmx512m"), properties, dataDir.resolve("bundle-" + run + ".log"), env.api());
    }

    /** {@code bench/chaos-benchmark.sh}: {@code [users]} on PostgreSQL ({@code PROVISIONING_TEST_DB_URL}). */
    public static void main(String[] args) throws Exception {
        System.setProperty("provisioning.test.db", "postgres");
        if (System.getenv("PROVISIONING_TEST_DB_URL") == null) {
            throw new IllegalStateException(
                    "set PROVISIONING_TEST_DB_URL, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        }
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Figures figures = new ChaosRun(
                        TestEnvironment.create("chaos-bench"),
                        new File("target/salesforce-provisioning.jar").toPath().toAbsolutePath(),
                        users)
                .run();
        System.out.println(figures);
    }
}
