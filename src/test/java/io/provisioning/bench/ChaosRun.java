package io.provisioning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.QueueClient;
import io.provisioning.testsupport.StandaloneOrg;
import io.provisioning.testsupport.TestEnvironment;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final String dbUrl;
    private final int users;

    public ChaosRun(TestEnvironment env, Path jar, int users) {
        this.env = env;
        this.jar = jar;
        this.users = users;
        this.dataDir = Path.of(env.properties().get("provisioning.data.dir")).toAbsolutePath();
        String url = env.properties().get("provisioning.db.url");
        this.dbUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema="
                + env.properties().get("provisioning.db.schema");
    }

    public Figures run() throws Exception {
        Files.createDirectories(dataDir.resolve("inbox"));
        List<Process> bundles = new ArrayList<>();
        try (StandaloneOrg standalone = StandaloneOrg.start(dataDir.resolve("emulator.log"))) {
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
                bundles.get(bundles.size() - 1).destroyForcibly().waitFor(); // SIGKILL: nothing flushed, no shutdown
                atKill.add(provisionedLinks());
                bundles.add(startBundle(properties, kill + 1));
            }
            http.get();
            feeder.shutdown();
            Await.until(this::finished, done -> done, Duration.ofMinutes(20));
            double seconds = (System.nanoTime() - start) / 1e9;
            org.control("DELETE", "/emulator/faults", ""); // the chaos is over: the checks read the org undisturbed
            return figures(org, seconds, atKill);
        } finally {
            for (Process bundle : bundles) {
                bundle.destroy();
                bundle.waitFor();
            }
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
        int third = users / 3;
        StringBuilder csv = new StringBuilder("userName,email,firstName,lastName,company\n");
        for (int i = 0; i < third; i++) {
            csv.append(user("f", i))
                    .append(",")
                    .append(user("f", i))
                    .append(",F")
                    .append(i)
                    .append(",File")
                    .append(i)
                    .append(",Chaos\n");
        }
        Path temp = dataDir.resolve("inbox").resolve(".chaos.csv.part");
        Files.writeString(temp, csv, StandardCharsets.UTF_8);
        Files.move(temp, dataDir.resolve("inbox").resolve("chaos.csv"), StandardCopyOption.ATOMIC_MOVE);
        Map<String, String> messages = new LinkedHashMap<>();
        for (int i = 0; i < third; i++) {
            String name = user("q", i);
            messages.put(
                    "{\"action\":\"create\",\"requestId\":\"chaos-" + name + "\",\"user\":{\"userName\":\"" + name
                            + "\",\"email\":\"" + name + "\",\"firstName\":\"Q" + i + "\",\"lastName\":\"Queue" + i
                            + "\",\"company\":\"Chaos\"}}",
                    name);
        }
        try (QueueClient queue = env.queueClient()) {
            queue.sendAll("provisioning.requests", messages);
        }
    }

    /**
     * The rest over HTTP, four clients, while the bundle is killed and restarted: a POST that gets no answer is sent
     * again until it is accepted (201) or found accepted before the kill (409).
     */
    private Void feedHttp() throws Exception {
        ApiClient api = env.api();
        int first = 2 * (users / 3);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> answers = new ArrayList<>();
            for (int i = 0; i < users - first; i++) {
                String name = user("h", i);
                String body = ApiClient.json(Map.of(
                        "userName",
                        name,
                        "email",
                        name,
                        "firstName",
                        "H" + i,
                        "lastName",
                        "Http" + i,
                        "company",
                        "Chaos"));
                answers.add(clients.submit(() -> {
                    Await.until(
                            () -> safeStatus(() -> api.post("/api/users", body).status()),
                            status -> status == 201 || status == 409,
                            Duration.ofMinutes(5));
                    return null;
                }));
            }
            for (Future<?> answer : answers) {
                answer.get();
            }
        } finally {
            clients.shutdown();
        }
        return null;
    }

    private static String user(String source, int i) {
        return "chaos-" + source + i + "@example.com";
    }

    private boolean finished() {
        return count("SELECT COUNT(*) FROM directory_user WHERE user_name_key LIKE 'chaos-%'") == users
                && count("SELECT COUNT(*) FROM provisioning_outbox WHERE status = 'pending'") == 0
                && count("SELECT COUNT(*) FROM application_link WHERE state IN ('provisioned', 'failed')")
                        == users * 2L;
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
                duplicates(leads),
                duplicates(contacts),
                linked("salesforce", leads),
                linked("contacts", contacts),
                (int) count("SELECT COUNT(*) FROM application_link WHERE state <> 'provisioned'"),
                (int) count("SELECT COUNT(*) FROM provisioning_report WHERE error_code = 'UPSERTED'"),
                (int) count("SELECT COUNT(*) FROM provisioning_report WHERE error_code = 'ADOPTED'"),
                (int) count("SELECT COUNT(*) FROM provisioning_report WHERE error_code = 'AMBIGUOUS_MATCH'"),
                sum(calls.path("answerLost")),
                sum(calls.path("refusedByFault")),
                calls.path("total").asInt(),
                atKill);
    }

    /** Records beyond the first for the same e-mail address. */
    private static int duplicates(List<JsonNode> records) {
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (JsonNode record : records) {
            if (!seen.add(record.path("Email").asText().toLowerCase())) {
                duplicates++;
            }
        }
        return duplicates;
    }

    /** Users of the application whose link names the one record carrying their e-mail address. */
    private int linked(String application, List<JsonNode> records) {
        Map<String, String> byEmail = new HashMap<>();
        records.forEach(r ->
                byEmail.put(r.path("Email").asText().toLowerCase(), r.path("Id").asText()));
        int linked = 0;
        try (Connection db = DriverManager.getConnection(dbUrl);
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT u.user_name_key, l.record_id FROM application_link l JOIN"
                        + " directory_user u ON u.id = l.user_id WHERE l.application = '" + application + "'")) {
            while (rows.next()) {
                if (rows.getString(2) != null && rows.getString(2).equals(byEmail.get(rows.getString(1)))) {
                    linked++;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return linked;
    }

    private static int sum(JsonNode counts) {
        int total = 0;
        for (JsonNode n : counts) {
            total += n.asInt();
        }
        return total;
    }

    private long count(String query) {
        try (Connection db = DriverManager.getConnection(dbUrl);
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            return -1; // not migrated yet
        }
    }

    private Process startBundle(Map<String, String> properties, int run) throws Exception {
        List<String> args = new ArrayList<>(List.of("-Xmx512m"));
        properties.forEach((k, v) -> args.add("-D" + k + "=" + v));
        args.add("-jar");
        args.add(jar.toString());
        Process bundle = java(args, dataDir.resolve("bundle-" + run + ".log"));
        ApiClient api = env.api();
        Await.until(
                () -> bundle.isAlive() ? safeStatus(() -> api.get("/health").status()) : -2,
                s -> s == 200 || s == -2,
                Duration.ofSeconds(120));
        if (!bundle.isAlive()) {
            throw new IllegalStateException(
                    "bundle run " + run + " stopped: see " + dataDir.resolve("bundle-" + run + ".log"));
        }
        return bundle;
    }

    private static Process java(List<String> args, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static int safeStatus(java.util.concurrent.Callable<Integer> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return -1;
        }
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
