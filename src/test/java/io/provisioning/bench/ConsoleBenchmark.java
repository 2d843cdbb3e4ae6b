package io.provisioning.bench;

import io.provisioning.testsupport.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.main.Main;

/**
 * The console's user list over HTTP (run by {@code bench/console-benchmark.sh}, not a test): starts the bundle (H2 in
 * PostgreSQL mode, or PostgreSQL with {@code -Dprovisioning.test.db=postgres} and {@code PROVISIONING_TEST_DB_URL}),
 * loads {@code bench.users} (100,000) provisioned users with a Lead link each, then times
 * {@code GET /api/users?offset=…&limit=50} exactly as the console's Users screen calls it (first, middle and last
 * page, a search, the onboarding filter) and prints the median, p95 and max per page.
 */
public final class ConsoleBenchmark {

    private static final int USERS = Integer.getInteger("bench.users", 100_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 30);
    private static final int PAGE = 50;

    private ConsoleBenchmark() {}

    public static void main(String[] args) throws Exception {
        TestEnvironment env = TestEnvironment.create("console-bench")
                .with("provisioning.outbox.poll-interval-ms", "5000")
                .asSystemProperties();
        Main main = new Main();
        main.setPropertyPlaceholderLocations(io.provisioning.Application.CONFIG_LOCATION);
        main.start();
        try {
            DataSource db = main.getCamelContext().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
            long started = System.nanoTime();
            load(db);
            System.out.printf(
                    "Loaded %,d users with a Lead link each in %.1f s (%s)%n",
                    USERS,
                    (System.nanoTime() - started) / 1e9,
                    TestEnvironment.usePostgres() ? "PostgreSQL" : "H2, PostgreSQL mode");
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + env.httpPort();
            int last = USERS - PAGE;
            String[][] cases = {
                {"first page", "/api/users?offset=0&limit=50"},
                {"middle page", "/api/users?offset=" + (USERS / 2) + "&limit=50"},
                {"last page", "/api/users?offset=" + last + "&limit=50"},
                {"search (prefix of one user)", "/api/users?q=user77777&limit=50"},
                {"search (many matches), page 2", "/api/users?q=user1&offset=50&limit=50"},
                {"search (every user matches), page 2", "/api/users?q=user&offset=50&limit=50"},
                {
                    "onboarding=provisioned, last page",
                    "/api/users?onboardingStatus=provisioned&offset=" + last + "&limit=50"
                },
            };
            for (String[] c : cases) {
                time(http, base + c[1], 5); // warm-up
            }
            System.out.printf("%-36s %9s %9s %9s  (%d runs, 50 users a page)%n", "page", "median", "p95", "max", RUNS);
            for (String[] c : cases) {
                List<Double> ms = time(http, base + c[1], RUNS);
                Collections.sort(ms);
                System.out.printf(
                        "%-36s %7.1f ms %6.1f ms %6.1f ms%n",
                        c[0],
                        ms.get(ms.size() / 2),
                        ms.get((int) Math.ceil(ms.size() * 0.95) - 1),
                        ms.get(ms.size() - 1));
            }
        } finally {
            main.stop();
        }
    }

    private static List<Double> time(HttpClient http, String url, int runs) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + TestEnvironment.API_TOKEN)
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            ms.add((System.nanoTime() - start) / 1e6);
            if (response.statusCode() != 200 || !response.body().contains("\"users\":[{")) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        return ms;
    }

    private static void load(DataSource db) throws Exception {
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).minusDays(30);
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement user = connection.prepareStatement(
                            "INSERT INTO directory_user (id, user_name, user_name_key, email, email_key, first_name,"
                                    + " last_name, company, custom_attributes, active, onboarding_status, created_at,"
                                    + " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', TRUE, 'provisioned',"
                                    + " ?, ?, 1)");
                    PreparedStatement link = connection.prepareStatement(
                            "INSERT INTO application_link (user_id, application, state, record_id, updated_at)"
                                    + " VALUES (?, 'salesforce', 'provisioned', ?, ?)")) {
                for (int i = 0; i < USERS; i++) {
                    String id = UUID.randomUUID().toString();
                    String name = "user" + i + "@bench.example";
                    OffsetDateTime at = base.plusNanos(i * 1_000_000L);
                    user.setString(1, id);
                    user.setString(2, name);
                    user.setString(3, name);
                    user.setString(4, name);
                    user.setString(5, name);
                    user.setString(6, "First" + i);
                    user.setString(7, "Last" + i);
                    user.setString(8, "Company " + (i % 500));
                    user.setObject(9, at);
                    user.setObject(10, at);
                    user.addBatch();
                    link.setString(1, id);
                    link.setString(2, String.format("00Q%015d", i));
                    link.setObject(3, at);
                    link.addBatch();
                    if (i % 1000 == 999) {
                        user.executeBatch();
                        link.executeBatch();
                        connection.commit();
                    }
                }
                user.executeBatch();
                link.executeBatch();
                connection.commit();
            }
        }
    }
}
