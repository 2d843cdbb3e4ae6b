package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * The directory database goes away for real (its server process stopped): {@code /observe/health} says DOWN with a
 * reason
 * for the database alone and answers promptly, the bundle keeps running and refuses writes with an error, and all is
 * UP and writable again once the server is back.
 */
class ObserveDatabaseDownTest {

    @Test
    void theDatabaseDownIsReportedAloneAndTheBundleRecovers() throws Exception {
        TestEnvironment.clearSystemProperties();
        int dbPort = TestEnvironment.freePort();
        TestEnvironment env =
                TestEnvironment.create("observe-database-down").with("provisioning.observe.health-cache-ms", "100");
        Path dbDir = Path.of(env.properties().get("provisioning.data.dir"), "db-server")
                .toAbsolutePath();
        env.with(
                        "provisioning.db.url",
                        "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/directory;MODE=PostgreSQL;"
                                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
                .with("provisioning.db.user", "sa");
        env.properties().remove("provisioning.db.schema");
        java.nio.file.Files.createDirectories(dbDir);
        Process database = startDatabase(dbPort, dbDir);
        Main bundle = new Main();
        bundle.setPropertyPlaceholderLocations(Application.CONFIG_LOCATION);
        env.properties().forEach(bundle::addOverrideProperty);
        bundle.start();
        ApiClient api = env.api();
        try {
            assertEquals("UP", check(health(api), "database").path("status").asText());
            assertEquals(201, create(api, "before@example.com").status());

            stop(database);
            long asked = System.nanoTime();
            JsonNode down = Await.until(
                    () -> health(api),
                    h -> "DOWN".equals(check(h, "database").path("status").asText()),
                    Duration.ofSeconds(60));
            long seconds = Duration.ofNanos(System.nanoTime() - asked).toSeconds();
            assertTrue(seconds < 30, "the health answer does not hang: " + seconds + " s");
            assertTrue(!check(down, "database").path("reason").asText().isBlank(), down.toString());
            for (String up : List.of("broker", "smtp", "inbox")) {
                assertEquals("UP", check(down, up).path("status").asText(), up + " in " + down);
            }
            assertEquals(503, api.getWithoutToken("/observe/health").status());
            // not ready (no work can be accepted) but alive: Kubernetes takes it out of the Service, never kills it
            assertEquals(503, api.getWithoutToken("/observe/health/ready").status());
            assertEquals(200, api.getWithoutToken("/observe/health/live").status());
            int refused = create(api, "during@example.com").status();
            assertTrue(refused >= 500, "a write without a database is refused with an error, got " + refused);

            database = startDatabase(dbPort, dbDir);
            Await.until(
                    () -> health(api),
                    h -> "UP".equals(check(h, "database").path("status").asText()),
                    Duration.ofSeconds(60));
            ApiClient.Response after =
                    Await.until(() -> create(api, "after@example.com"), r -> r.status() == 201, Duration.ofSeconds(60));
            assertEquals(
                    200,
                    api.get("/api/users/" + after.json().path("id").asText()).status());
        } finally {
            bundle.stop();
            stop(database);
        }
    }

    /** An H2 server in a process of its own, so that stopping it takes the database away from the bundle. */
    private static Process startDatabase(int port, Path dir) throws Exception {
        String h2 = Path.of(Server.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        h2,
                        "org.h2.tools.Server",
                        "-tcp",
                        "-tcpPort",
                        String.valueOf(port),
                        "-ifNotExists",
                        "-baseDir",
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolveSibling("db-server.log").toFile())
                .start();
        Await.until(() -> listening(port), up -> up, Duration.ofSeconds(30));
        return server;
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * SIGTERM: the server closes its database and goes away. (A kill -9 would test H2's crash recovery instead, which
     * can lose the newest commits, here even the schema; docs/configuration.md says so of H2.)
     */
    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }

    private static ApiClient.Response create(ApiClient api, String userName) {
        return api.post(
                "/api/users",
                ApiClient.json(Map.of("userName", userName, "email", userName, "lastName", "Down", "company", "Acme")));
    }

    private static JsonNode health(ApiClient api) {
        return api.getWithoutToken("/observe/health").json();
    }

    private static JsonNode check(JsonNode health, String name) {
        return health.path("checks").path(name);
    }
}
