package io.provisioning.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.LogCapture;
import io.provisioning.testsupport.TestEnvironment;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * The embedded database and the data folder on their defaults: no H2 TCP server (H2's AUTO_SERVER publishes its
 * address in the lock file; with the setting on it does, and the port answers), the folder and every stored secret
 * owner-only, an existing folder with looser permissions tightened on start without losing anything, and the
 * generated API token never printed in full.
 */
class DatabaseExposureSecurityTest {

    private static final String EXISTING_TOKEN = "existing-token-0123456789abcdef";

    @Test
    void anExistingDataFolderIsTightenedAndKeepsWorkingWithoutADatabasePort() throws Exception {
        TestEnvironment env = embedded("database-exposure");
        Path data = Path.of(env.properties().get("provisioning.data.dir"));
        // a data folder as an older version left it: readable by everyone
        Files.createDirectories(
                data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(data.resolve("api-token"), EXISTING_TOKEN + "\n");
        Files.setPosixFilePermissions(data.resolve("api-token"), PosixFilePermissions.fromString("rw-r--r--"));
        ApiClient api = new ApiClient("http://127.0.0.1:" + env.httpPort(), EXISTING_TOKEN);

        Main bundle = Security.start(env);
        String userId;
        try {
            assertOwnerOnly(data);
            assertNoDatabaseServer(data);
            ApiClient.Response created = api.post(
                    "/api/users",
                    ApiClient.json(Map.of(
                            "userName",
                            "kept@example.com",
                            "email",
                            "kept@example.com",
                            "lastName",
                            "Kept",
                            "company",
                            "Acme")));
            assertEquals(201, created.status(), "the stored token still works: " + created.body());
            userId = created.json().path("id").asText();
        } finally {
            bundle.stop();
        }

        // loosen everything again, as a copy or restore from backup might
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(
                        path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        bundle = Security.start(env);
        try {
            assertOwnerOnly(data);
            assertEquals(200, api.get("/api/users/" + userId).status(), "nothing stored is lost");
        } finally {
            bundle.stop();
        }
    }

    @Test
    void theAutoServerRunsOnlyWhenConfiguredAndTheGeneratedTokenIsNotLogged() throws Exception {
        TestEnvironment env =
                embedded("database-exposure-auto-server").with("provisioning.db.embedded.auto-server", "true");
        Path data = Path.of(env.properties().get("provisioning.data.dir"));
        Main bundle;
        String log;
        try (LogCapture capture = LogCapture.start("database-exposure")) {
            bundle = Security.start(env);
            log = capture.text();
        }
        try {
            Properties lock = lockFile(data);
            assertNotNull(lock, "with the setting on, H2 publishes its server in the lock file");
            String[] server = lock.getProperty("server").split(":");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(server[server.length - 1])), 2_000);
            }
            assertEquals(
                    "rw-------",
                    permissions(data.resolve("db").resolve("provisioning.lock.db")),
                    "the lock file (with the server's key) is owner-only");

            String token = Files.readString(data.resolve("api-token")).trim();
            assertEquals("rw-------", permissions(data.resolve("api-token")));
            assertFalse(log.contains(token), "the token is not logged in full");
            assertTrue(
                    log.contains(token.substring(0, 4) + "…")
                            && log.contains(
                                    data.resolve("api-token").toAbsolutePath().toString()),
                    "the log says which token (its first characters) and where it is");
            assertEquals(
                    200,
                    new ApiClient("http://127.0.0.1:" + env.httpPort(), token)
                            .get("/api/users")
                            .status());
        } finally {
            bundle.stop();
        }
    }

    /** A test bundle on the embedded H2 file database (no database URL) and a generated broker user. */
    private static TestEnvironment embedded(String name) {
        TestEnvironment.clearSystemProperties();
        TestEnvironment env = TestEnvironment.create(name);
        for (String key : List.of(
                "provisioning.db.url",
                "provisioning.db.user",
                "provisioning.db.schema",
                "provisioning.broker.user",
                "provisioning.broker.password",
                "provisioning.api.token")) {
            env.properties().remove(key);
        }
        return env;
    }

    private static void assertOwnerOnly(Path data) throws Exception {
        assertEquals("rwx------", permissions(data));
        assertEquals("rw-------", permissions(data.resolve("api-token")));
        assertEquals("rw-------", permissions(data.resolve("broker-credentials")));
        try (Stream<Path> db = Files.walk(data.resolve("db"))) {
            List<Path> paths = db.toList();
            assertTrue(paths.stream().anyMatch(p -> p.getFileName().toString().endsWith(".mv.db")), paths.toString());
            for (Path path : paths) {
                assertEquals(Files.isDirectory(path) ? "rwx------" : "rw-------", permissions(path), path.toString());
            }
        }
        assertEquals("rwx------", permissions(data.resolve("broker")));
    }

    /** H2's AUTO_SERVER writes {@code server=host:port} into the lock file; without it there is no such line. */
    private static void assertNoDatabaseServer(Path data) throws Exception {
        Properties lock = lockFile(data);
        assertTrue(lock == null || lock.getProperty("server") == null, "no H2 TCP server: " + lock);
    }

    private static Properties lockFile(Path data) throws Exception {
        Path file = data.resolve("db").resolve("provisioning.lock.db");
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)));
        return properties;
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
