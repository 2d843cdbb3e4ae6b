package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.provisioning.emulator.ConnectedApp;
import io.provisioning.support.EmbeddedMailServer;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code GET /observe/health} against real parts: a second application logging in with a wrong password to the
 * emulated org is DOWN with Salesforce's refusal while the good one is UP; the embedded SMTP server stopped and the
 * inbox folder replaced by a file show DOWN with a reason, mails are retried meanwhile, and both come back UP.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObserveHealthTest {

    private static final int EMULATOR_PORT = TestEnvironment.freePort();
    private static final TestEnvironment ENV = TestEnvironment.create("observe-health")
            .with("provisioning.salesforce.emulator.port", String.valueOf(EMULATOR_PORT))
            .with("provisioning.applications", "salesforce,salesforce-wrong")
            .with("provisioning.application.salesforce-wrong.sobject", "Lead")
            .with("provisioning.application.salesforce-wrong.mapping", "config/mappings/salesforce.yaml")
            .with("provisioning.application.salesforce-wrong.login-url", "http://127.0.0.1:" + EMULATOR_PORT)
            .with("provisioning.application.salesforce-wrong.username", "integration@emulator.local")
            .with("provisioning.application.salesforce-wrong.password", "not-the-password")
            .with("provisioning.application.salesforce-wrong.authentication-type", "USERNAME_PASSWORD")
            .with("provisioning.application.salesforce-wrong.client-id", ConnectedApp.DEFAULT_CLIENT_ID)
            .with("provisioning.application.salesforce-wrong.client-secret", ConnectedApp.DEFAULT_CLIENT_SECRET)
            .with("provisioning.observe.health-cache-ms", "200")
            .with("provisioning.mail.poll-interval-ms", "200")
            .with("provisioning.mail.retry.initial-delay-ms", "300")
            .with("provisioning.mail.retry.max-delay-ms", "1000")
            .asSystemProperties();
    private static final Path INBOX = ENV.inbox();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    @Order(1)
    void eachDependencyIsReportedAndAWrongLoginIsDownWithItsReason() {
        JsonNode health = Await.until(
                this::health,
                h -> "DOWN"
                        .equals(check(h, "salesforce:salesforce-wrong")
                                .path("status")
                                .asText()),
                Duration.ofSeconds(20));
        assertEquals("DOWN", health.path("status").asText(), health.toString());
        assertTrue(
                check(health, "salesforce:salesforce-wrong")
                        .path("reason")
                        .asText()
                        .contains("invalid_grant"),
                health.toString());
        // the refusal comes with its likely cause for the flow (a wrong password, or the flow blocked)
        assertTrue(
                check(health, "salesforce:salesforce-wrong")
                        .path("reason")
                        .asText()
                        .contains("Likely cause: Check the user name and password"),
                health.toString());
        for (String up : List.of("database", "broker", "salesforce:salesforce", "smtp", "inbox")) {
            assertEquals("UP", check(health, up).path("status").asText(), up + " in " + health);
        }
        ApiClient.Response response = api.getWithoutToken("/observe/health");
        assertEquals(503, response.status(), response.body());
        ApiClient.Response legacy = api.getWithoutToken("/health");
        assertEquals(200, legacy.status(), legacy.body());
    }

    @Test
    @Order(2)
    void smtpDownIsReportedWhileMailsAreRetriedAndItComesBackUp() throws Exception {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        "smtp.down@example.com",
                        "email",
                        "smtp.down@example.com",
                        "lastName",
                        "Down",
                        "company",
                        "Mail")));
        assertEquals(201, created.status(), created.body());
        String userId = created.json().path("id").asText();
        GreenMail server = context.getRegistry()
                .lookupByNameAndType("embeddedMailServer", EmbeddedMailServer.class)
                .greenMail();
        server.stop();
        try {
            JsonNode down = Await.until(
                    this::health,
                    h -> "DOWN".equals(check(h, "smtp").path("status").asText()),
                    Duration.ofSeconds(10));
            assertTrue(!check(down, "smtp").path("reason").asText().isBlank(), down.toString());
            assertEquals("UP", check(down, "database").path("status").asText(), down.toString());
            assertEquals("UP", check(down, "inbox").path("status").asText(), down.toString());

            ApiClient.Response queued =
                    api.post("/api/activation-mails", ApiClient.json(Map.of("userIds", List.of(userId))));
            assertEquals(202, queued.status(), queued.body());
            Await.until(
                    () -> Reports.forUser(dataSource(), "smtp.down@example.com").stream()
                            .filter(r ->
                                    "activation-mail".equals(r.get("operation")) && "retrying".equals(r.get("status")))
                            .count(),
                    n -> n >= 2,
                    Duration.ofSeconds(20));
        } finally {
            server.start();
        }
        Await.until(
                this::health, h -> "UP".equals(check(h, "smtp").path("status").asText()), Duration.ofSeconds(10));
        Await.until(
                () -> Reports.forUser(dataSource(), "smtp.down@example.com").stream()
                        .anyMatch(
                                r -> "activation-mail".equals(r.get("operation")) && "success".equals(r.get("status"))),
                sent -> sent,
                Duration.ofSeconds(20));
    }

    @Test
    @Order(3)
    void anInboxThatIsNotAFolderIsDownAndComesBackUp() throws Exception {
        Await.until(
                this::health, h -> "UP".equals(check(h, "inbox").path("status").asText()), Duration.ofSeconds(10));
        deleteFolder(INBOX);
        Files.writeString(INBOX, "not a folder");
        try {
            JsonNode down = Await.until(
                    this::health,
                    h -> "DOWN".equals(check(h, "inbox").path("status").asText()),
                    Duration.ofSeconds(10));
            assertTrue(check(down, "inbox").path("reason").asText().contains("not a folder"), down.toString());
            assertEquals("UP", check(down, "database").path("status").asText(), down.toString());
        } finally {
            Files.delete(INBOX);
            Files.createDirectories(INBOX);
        }
        Await.until(
                this::health, h -> "UP".equals(check(h, "inbox").path("status").asText()), Duration.ofSeconds(10));
    }

    private JsonNode health() {
        return api.getWithoutToken("/observe/health").json();
    }

    private static JsonNode check(JsonNode health, String name) {
        return health.path("checks").path(name);
    }

    private static void deleteFolder(Path folder) throws Exception {
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
