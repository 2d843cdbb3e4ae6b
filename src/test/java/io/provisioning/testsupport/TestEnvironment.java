package io.provisioning.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import io.provisioning.support.Database;
import io.provisioning.support.DatabaseSettings;
import io.provisioning.support.Settings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Settings for one test bundle: its own database (an H2 in-memory database, or a fresh schema in the PostgreSQL
 * database named by {@code PROVISIONING_TEST_DB_URL} when the suite runs with {@code -Dprovisioning.test.db=postgres}),
 * its own data folder and free ports.
 */
public final class TestEnvironment {

    public static final String API_TOKEN = "test-token-0123456789";
    /** The embedded broker's user in tests (the bundle requires one; without these two it generates one). */
    public static final String BROKER_USER = "test-broker";

    public static final String BROKER_PASSWORD = "test-broker-secret-0123";

    private static final java.util.Set<String> SYSTEM_KEYS = new java.util.HashSet<>();

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final int httpPort;
    private final int brokerPort;

    private TestEnvironment(String name) {
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        httpPort = freePort();
        Path dataDir = Path.of("target", "test-data", key);
        deleteRecursively(dataDir);
        if (usePostgres()) {
            String url = System.getenv("PROVISIONING_TEST_DB_URL");
            String schema = "it_" + key;
            dropSchema(url, schema);
            properties.put("provisioning.db.url", url);
            properties.put("provisioning.db.schema", schema);
        } else {
            properties.put(
                    "provisioning.db.url",
                    "jdbc:h2:mem:" + key
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            properties.put("provisioning.db.user", "sa");
        }
        properties.put("provisioning.data.dir", dataDir.toString());
        properties.put("provisioning.http.port", String.valueOf(httpPort));
        properties.put("provisioning.api.token", API_TOKEN);
        properties.put("provisioning.salesforce.emulator.port", "0");
        // other test runs (and other sessions' builds) may hold the default ports
        properties.put("provisioning.mail.embedded.smtp-port", String.valueOf(freePort()));
        properties.put("provisioning.mail.embedded.imap-port", String.valueOf(freePort()));
        brokerPort = freePort();
        properties.put("provisioning.broker.port", String.valueOf(brokerPort));
        properties.put("provisioning.broker.user", BROKER_USER);
        properties.put("provisioning.broker.password", BROKER_PASSWORD);
        properties.put("provisioning.outbox.poll-interval-ms", "100");
        properties.put("provisioning.outbox.initial-delay-ms", "100");
        properties.put("provisioning.retry.initial-delay-ms", "200");
        properties.put("provisioning.retry.max-delay-ms", "1000");
        properties.put("provisioning.salesforce.request-timeout-ms", "5000");
    }

    public static TestEnvironment create(String name) {
        return new TestEnvironment(name);
    }

    public static boolean usePostgres() {
        return "postgres".equals(System.getProperty("provisioning.test.db"));
    }

    public TestEnvironment with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Bulk files are taken soon after they are dropped. */
    public TestEnvironment withQuickInbox() {
        return with("provisioning.inbox.min-age-ms", "300").with("provisioning.inbox.poll-interval-ms", "200");
    }

    /** Both applications: the Lead one and {@code salesforce-users}, with the defaults a Salesforce User needs. */
    public TestEnvironment withUserApplication() {
        return with("provisioning.applications", "salesforce,salesforce-users")
                .with("provisioning.application.salesforce-users.defaults.TimeZoneSidKey", "Europe/London")
                .with("provisioning.application.salesforce-users.defaults.LocaleSidKey", "en_GB")
                .with("provisioning.application.salesforce-users.defaults.EmailEncodingKey", "UTF-8")
                .with("provisioning.application.salesforce-users.defaults.LanguageLocaleKey", "en_US");
    }

    public Map<String, String> properties() {
        return properties;
    }

    /** For {@code @CamelMainTest} classes: the settings as system properties, which override the config file. */
    /**
     * The bundle's database as these settings open it (H2 file, or PostgreSQL with {@code provisioning.test.db}),
     * migrated, for tests of data access shared by instances; the caller closes it.
     */
    public HikariDataSource openDatabase() {
        Properties initial = new Properties();
        initial.putAll(properties());
        CamelContext settingsContext = new DefaultCamelContext();
        // override, not initial: the packaged defaults are a properties source, which wins over initial properties
        // (the empty default URL would open an H2 file instead of this environment's database)
        settingsContext.getPropertiesComponent().setOverrideProperties(initial);
        return Database.open(
                DatabaseSettings.read(new Settings(settingsContext)),
                Path.of(properties().get("provisioning.data.dir")));
    }

    /** A bundle started in this JVM with these settings (several may share a database); the caller stops it. */
    public org.apache.camel.main.Main startBundle() {
        org.apache.camel.main.Main main = new org.apache.camel.main.Main();
        main.setPropertyPlaceholderLocations(io.provisioning.Application.CONFIG_LOCATION);
        properties.forEach(main::addOverrideProperty);
        main.start();
        return main;
    }

    public TestEnvironment asSystemProperties() {
        clearSystemProperties();
        SYSTEM_KEYS.addAll(properties.keySet());
        properties.forEach(System::setProperty);
        return this;
    }

    /**
     * Test classes run one after the other in one JVM: drops what a previous class set as system properties, which
     * would otherwise win over a test's own override properties.
     */
    public static void clearSystemProperties() {
        SYSTEM_KEYS.forEach(System::clearProperty);
        SYSTEM_KEYS.clear();
    }

    /** The bulk inbox: the default {@code provisioning.inbox} inside this bundle's data folder. */
    public Path inbox() {
        return Path.of(properties.get("provisioning.data.dir"), "inbox");
    }

    public int httpPort() {
        return httpPort;
    }

    /** The embedded broker's address for a separate JMS client (CORE protocol). */
    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    /** A JMS client of the embedded broker, logged in as the test broker user. */
    public QueueClient queueClient() {
        return new QueueClient(
                brokerUrl(),
                properties.get("provisioning.broker.user"),
                properties.get("provisioning.broker.password"));
    }

    public ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + httpPort, API_TOKEN);
    }

    /**
     * A port nothing listens on, below Linux's ephemeral range (32768-60999): a port the OS picked for us could be
     * given to an outgoing connection before the server binds it ("Address already in use", seen in CI). Never the
     * same port twice in one JVM, so two servers of a run cannot be handed one port.
     */
    public static synchronized int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20000 + PORTS.nextInt(12000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    private static final java.util.Random PORTS = new java.util.Random();
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    private static void dropSchema(String url, String schema) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare PostgreSQL schema " + schema + " at " + url, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
