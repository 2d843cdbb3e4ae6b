package io.provisioning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Inbox;
import io.provisioning.testsupport.JvmProcesses;
import io.provisioning.testsupport.OrgTally;
import io.provisioning.testsupport.QueueClient;
import io.provisioning.testsupport.SchemaQueries;
import io.provisioning.testsupport.StandaloneArtemis;
import io.provisioning.testsupport.TestEnvironment;
import java.io.IOException;
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
import java.util.stream.Stream;

/**
 * The cluster chaos run of issue 21: three bundle instances (separate JVMs of the packaged jar) on one PostgreSQL
 * schema, one standalone Artemis broker (login required) and one standalone emulated org, sharing one inbox. At once:
 * a bulk file, queue messages and HTTP creates. While they are worked off, the broker is killed and started again on
 * its journal, and the instance holding the {@code bulk-results} singleton is killed with SIGKILL and started again.
 * Used by {@code ClusterChaosIT} (asserts) and {@code bench/cluster-chaos-benchmark.sh} (prints the figures).
 */
public final class ClusterChaosRun {

    /** How much work of each source. */
    public record Work(int fileRows, int queueMessages, int httpCreates) {
        public int users() {
            return fileRows + queueMessages + httpCreates;
        }
    }

    /** What the run ended with. */
    public record Figures(
            Work work,
            int instances,
            double seconds,
            int leads,
            int duplicateLeads,
            int linkedLeads,
            int notProvisioned,
            int createItems,
            int queueUsers,
            int processedRequests,
            int queueLeft,
            int deadLetters,
            int successReports,
            int usersReported,
            int failureReports,
            Map<String, Long> fileJob,
            int fileJobReports,
            int claimedItems,
            List<String> resultFiles,
            int resultRows,
            List<String> inboxLeft,
            int apiCalls,
            int queueAppliedAtBrokerKill,
            int provisionedAtKill,
            String killedNode) {

        @Override
        public String toString() {
            return String.format(
                    "work=%s instances=%d wall=%.1fs users/s=%.0f leads=%d duplicate-leads=%d linked-leads=%d"
                            + " not-provisioned=%d create-items=%d queue-users=%d processed-requests=%d queue-left=%d"
                            + " dead-letters=%d success-reports=%d users-reported=%d failure-reports=%d file-job=%s"
                            + " file-job-reports=%d claimed-items=%d result-files=%s result-rows=%d inbox-left=%s"
                            + " api-calls=%d queue-applied-at-broker-kill=%d provisioned-at-kill=%d killed=%s",
                    work,
                    instances,
                    seconds,
                    work.users() / seconds,
                    leads,
                    duplicateLeads,
                    linkedLeads,
                    notProvisioned,
                    createItems,
                    queueUsers,
                    processedRequests,
                    queueLeft,
                    deadLetters,
                    successReports,
                    usersReported,
                    failureReports,
                    fileJob,
                    fileJobReports,
                    claimedItems,
                    resultFiles,
                    resultRows,
                    inboxLeft,
                    apiCalls,
                    queueAppliedAtBrokerKill,
                    provisionedAtKill,
                    killedNode);
        }
    }

    private static final String QUEUE = "provisioning.requests";
    private static final String PREFIX = "cluster";
    private static final int INSTANCES = 3;

    private final TestEnvironment env;
    private final Path jar;
    private final Work work;
    private final Path root;
    private final Path inbox;
    private final SchemaQueries db;
    private final ChaosFeeds feeds = new ChaosFeeds(PREFIX, "ClusterChaos");
    private final List<Instance> instances = new ArrayList<>();

    /** One bundle instance: its settings, its API, its process (replaced when restarted). */
    private static final class Instance {
        final String node;
        final Map<String, String> properties;
        final ApiClient api;
        final Path log;
        volatile Process process;

        Instance(String node, Map<String, String> properties, ApiClient api, Path log) {
            this.node = node;
            this.properties = properties;
            this.api = api;
            this.log = log;
        }
    }

    public ClusterChaosRun(TestEnvironment env, Path jar, Work work) {
        this.env = env;
        this.jar = jar;
        this.work = work;
        this.root = Path.of(env.properties().get("provisioning.data.dir")).toAbsolutePath();
        this.inbox = root.resolve("inbox");
        this.db = new SchemaQueries(env);
    }

    public Figures run() throws Exception {
        Files.createDirectories(inbox);
        StandaloneArtemis broker = StandaloneArtemis.create(
                root.resolve("artemis"), TestEnvironment.freePort(), "provisioning", "cluster-chaos-broker-21");
        int orgPort = TestEnvironment.freePort();
        Process emulator = null;
        ExecutorService feeders = Executors.newFixedThreadPool(2);
        try (broker) {
            broker.start();
            emulator = JvmProcesses.startEmulator(
                    orgPort,
                    List.of("-Xmx768m", "-XX:+UseSerialGC", "-Demulator.daily-api-limit=100000000"),
                    root.resolve("emulator.log"));
            EmulatorClient org = EmulatorClient.defaultOrg("http://127.0.0.1:" + orgPort);
            // the admin's setup: creates are upserts on the directory id, so an in-doubt create is never doubled
            org.control("POST", "/emulator/schema/Lead", "{\"field\":\"Provisioning_Id__c\",\"externalId\":true}");
            // an Enterprise org's 25 concurrent long requests (the library default is a Developer Edition's 5): on a
            // loaded machine calls take 20 s and more, and 3 instances x 10 workers would exceed 5 all the time
            org.control(
                    "PUT", "/emulator/limits", "{\"ConcurrentLongRequests\":{\"Max\":25,\"ThresholdMillis\":20000}}");
            for (int i = 1; i <= INSTANCES; i++) {
                instances.add(instance(i, broker, orgPort));
            }
            startAll();
            long start = System.nanoTime();
            Inbox.drop(inbox, "cluster-chaos.csv", feeds.csv(work.fileRows()));
            Future<?> queue = feeders.submit(() -> send(broker, feeds.queueMessages(work.queueMessages())));
            Future<?> http = feeders.submit(() -> {
                feeds.postUsers(instances.stream().map(i -> i.api).toList(), work.httpCreates(), 32);
                return null;
            });
            queue.get();
            // the broker goes down while its messages are being applied, and comes back on its journal
            int queueAtBrokerKill = Await.until(
                            this::processedRequests, n -> n >= work.queueMessages() / 3, Duration.ofMinutes(3))
                    .intValue();
            broker.kill();
            broker.start();
            // an instance dies mid-way: the one running the bulk-results singleton, so its lease fails over too
            int provisionedAtKill = Await.until(
                            this::provisionedLinks, n -> n >= work.users() * 2 / 5, Duration.ofMinutes(3))
                    .intValue();
            Instance victim = leaseHolder("bulk-results");
            JvmProcesses.kill(victim.process);
            victim.process = start(victim);
            http.get();
            Await.until(this::finished, done -> done, Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - start) / 1e9;
            return figures(org, broker, seconds, queueAtBrokerKill, provisionedAtKill, victim.node);
        } finally {
            feeders.shutdownNow();
            for (Instance instance : instances) {
                if (instance.process != null) {
                    JvmProcesses.stop(instance.process);
                }
            }
            if (emulator != null) {
                JvmProcesses.stop(emulator);
            }
        }
    }

    private Instance instance(int n, StandaloneArtemis broker, int orgPort) {
        String node = "chaos-node-" + n;
        Map<String, String> p = new LinkedHashMap<>(env.properties());
        p.put("provisioning.data.dir", root.resolve(node).toString());
        p.put("provisioning.inbox", inbox.toString());
        int httpPort = TestEnvironment.freePort();
        p.put("provisioning.http.port", String.valueOf(httpPort));
        p.put("provisioning.mail.embedded.smtp-port", String.valueOf(TestEnvironment.freePort()));
        p.put("provisioning.mail.embedded.imap-port", String.valueOf(TestEnvironment.freePort()));
        p.put("provisioning.broker.url", broker.url());
        p.put("provisioning.broker.user", broker.user());
        p.put("provisioning.broker.password", broker.password());
        p.put("provisioning.broker.recovery-interval-ms", "1000");
        p.put("provisioning.application.salesforce.login-url", "http://127.0.0.1:" + orgPort);
        // client credentials, the default flow: the standalone emulator's registered client
        p.put("provisioning.application.salesforce.client-id", "provisioning-emulator");
        p.put("provisioning.application.salesforce.client-secret", "emulator-secret");
        p.put("provisioning.cluster.node-id", node);
        // failover within seconds, so the run stays short (defaults: 30 + 10 s)
        p.put("provisioning.cluster.lease-seconds", "5");
        p.put("provisioning.cluster.renew-seconds", "1");
        // the product's call timeout (tests use 5 s): a collection of 200 on a loaded machine may take longer, and a
        // timed-out call is retried, not lost, but enough of them fail an item for good
        p.put("provisioning.salesforce.request-timeout-ms", "30000");
        p.put("provisioning.retry.max-attempts", "12");
        // a killed instance's claims are taken over after this; a call slower than it is sent again by another
        // instance (harmless with upserts, but reported twice: docs/deployment.md)
        p.put("provisioning.outbox.lease-seconds", "30");
        // far above a chunk's time even on a loaded machine: a reader slower than its lease loses its file unnoticed
        p.put("provisioning.inbox.lease-seconds", "30");
        p.put("provisioning.inbox.min-age-ms", "200");
        p.put("provisioning.inbox.poll-interval-ms", "200");
        p.put("provisioning.inbox.result-check-interval-ms", "500");
        return new Instance(
                node,
                p,
                new ApiClient("http://127.0.0.1:" + httpPort, TestEnvironment.API_TOKEN),
                root.resolve(node + ".log"));
    }

    /** All instances start together, as a Deployment's pods do (Flyway's lock lets one migrate). */
    private void startAll() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(INSTANCES);
        try {
            List<Future<Process>> started = new ArrayList<>();
            for (Instance instance : instances) {
                started.add(starters.submit(() -> start(instance)));
            }
            for (int i = 0; i < instances.size(); i++) {
                instances.get(i).process = started.get(i).get();
            }
        } finally {
            starters.shutdown();
        }
    }

    private Process start(Instance instance) throws IOException {
        return JvmProcesses.startBundle(
                jar, List.of("-Xmx384m", "-XX:+UseSerialGC"), instance.properties, instance.log, instance.api);
    }

    private Void send(StandaloneArtemis broker, Map<String, String> messages) {
        try (QueueClient client = new QueueClient(broker.url(), broker.user(), broker.password())) {
            client.sendAll(QUEUE, messages);
        }
        return null;
    }

    private Instance leaseHolder(String namespace) {
        String[] holder = {null};
        db.forEach(
                "SELECT holder FROM cluster_lease WHERE namespace = '" + namespace + "'",
                row -> holder[0] = row.getString(1));
        return instances.stream()
                .filter(i -> i.node.equals(holder[0]))
                .findFirst()
                .orElse(instances.get(0));
    }

    private long processedRequests() {
        return db.count("SELECT COUNT(*) FROM processed_request");
    }

    private long provisionedLinks() {
        return db.count("SELECT COUNT(*) FROM application_link WHERE state = 'provisioned'");
    }

    private boolean finished() {
        return db.count("SELECT COUNT(*) FROM directory_user") == work.users()
                && db.count("SELECT COUNT(*) FROM provisioning_outbox WHERE status = 'pending'") == 0
                && db.count("SELECT COUNT(*) FROM application_link WHERE state IN ('provisioned', 'failed')")
                        == work.users()
                && db.count("SELECT COUNT(*) FROM inbound_file WHERE status <> 'completed'") == 0;
    }

    private Figures figures(
            EmulatorClient org,
            StandaloneArtemis broker,
            double seconds,
            int queueAtBrokerKill,
            int provisionedAtKill,
            String killed)
            throws IOException {
        List<JsonNode> leads = org.queryAll("SELECT Id, Email FROM Lead WHERE Company = 'ClusterChaos'");
        int queueLeft;
        int deadLetters;
        try (QueueClient client = new QueueClient(broker.url(), broker.user(), broker.password())) {
            queueLeft = client.depth(QUEUE);
            deadLetters = client.depth(QUEUE + ".DLQ");
        }
        Map<String, Long> fileJob = new LinkedHashMap<>();
        db.forEach(
                "SELECT rows_read, created, provisioned, provisioning_failed, rows_invalid FROM provisioning_job"
                        + " WHERE kind = 'file'",
                row -> {
                    fileJob.put("read", row.getLong(1));
                    fileJob.put("created", row.getLong(2));
                    fileJob.put("provisioned", row.getLong(3));
                    fileJob.put("provisioningFailed", row.getLong(4));
                    fileJob.put("invalid", row.getLong(5));
                });
        Path done = inbox.resolve("done");
        List<String> resultFiles = list(done, ".result.csv");
        int resultRows = resultFiles.size() == 1 ? lines(done.resolve(resultFiles.get(0))) - 1 : -1;
        return new Figures(
                work,
                INSTANCES,
                seconds,
                leads.size(),
                OrgTally.duplicates(leads),
                OrgTally.linked(db, "salesforce", leads),
                (int) db.count("SELECT COUNT(*) FROM application_link WHERE state <> 'provisioned'"),
                (int) db.count("SELECT COUNT(*) FROM provisioning_outbox WHERE operation = 'create'"),
                (int) db.count("SELECT COUNT(*) FROM directory_user WHERE user_name_key LIKE '" + PREFIX + "-q%'"),
                (int) processedRequests(),
                queueLeft,
                deadLetters,
                (int) db.count("SELECT COUNT(*) FROM provisioning_report WHERE operation = 'create'"
                        + " AND application = 'salesforce' AND status = 'success'"),
                (int) db.count("SELECT COUNT(DISTINCT user_identifier_key) FROM provisioning_report"
                        + " WHERE operation = 'create' AND application = 'salesforce' AND status = 'success'"),
                (int) db.count("SELECT COUNT(*) FROM provisioning_report WHERE status = 'failure'"),
                fileJob,
                (int) db.count("SELECT COUNT(*) FROM provisioning_report WHERE operation = 'bulk-import'"
                        + " AND status = 'success'"),
                (int) db.count("SELECT COUNT(*) FROM provisioning_outbox WHERE claimed_by IS NOT NULL"),
                resultFiles,
                resultRows,
                list(inbox, ".csv"),
                org.calls().path("total").asInt(),
                queueAtBrokerKill,
                provisionedAtKill,
                killed);
    }

    private static List<String> list(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }

    private static int lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return (int) lines.count();
        }
    }

    /**
     * {@code bench/cluster-chaos-benchmark.sh}: {@code [fileRows] [queueMessages] [httpCreates]} on PostgreSQL
     * ({@code PROVISIONING_TEST_DB_URL}), the Artemis distribution at {@code -Dartemis.home}.
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("provisioning.test.db", "postgres");
        if (System.getenv("PROVISIONING_TEST_DB_URL") == null) {
            throw new IllegalStateException(
                    "set PROVISIONING_TEST_DB_URL, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        }
        Work work = new Work(
                args.length > 0 ? Integer.parseInt(args[0]) : 30_000,
                args.length > 1 ? Integer.parseInt(args[1]) : 3_000,
                args.length > 2 ? Integer.parseInt(args[2]) : 300);
        Figures figures =
                new ClusterChaosRun(TestEnvironment.create("cluster-chaos-bench"), JvmProcesses.BUNDLE_JAR, work).run();
        System.out.println(figures);
    }
}
