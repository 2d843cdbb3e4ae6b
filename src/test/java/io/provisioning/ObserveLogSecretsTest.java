package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.support.EmbeddedMailServer;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.QueueClient;
import io.provisioning.testsupport.TestEnvironment;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Captures everything the bundle logs, with the product's and Camel's loggers at DEBUG (a log4j2 appender on the root
 * logger, added before the bundle starts) while
 * flows that handle secrets run: API calls with the bearer token (and a wrong one), the Salesforce login with the
 * emulated org's password, an activation mail over SMTP with a login, and a password reset that syncs the new password
 * to a Salesforce User. None of those secrets, nor the reset link's token, may appear; the operation lines must.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObserveLogSecretsTest {

    private static final String SALESFORCE_PASSWORD = "Emu-Login-S3cret-4711";
    private static final String SMTP_PASSWORD = "Smtp-Relay-S3cret-0815";
    private static final String WRONG_TOKEN = "Wrong-Bearer-S3cret-1234";
    private static final String NEW_PASSWORD = "NewUserPassw0rd9876";
    private static final int SMTP_PORT = TestEnvironment.freePort();
    private static final Capture LOG = Capture.install();
    private static final TestEnvironment ENV = TestEnvironment.create("observe-log-secrets")
            .withUserApplication()
            .with("provisioning.salesforce.emulator.password", SALESFORCE_PASSWORD)
            // a "real" SMTP relay with a login: the embedded server's SMTP port, configured as an external host
            .with("provisioning.mail.embedded.smtp-port", String.valueOf(SMTP_PORT))
            .with("provisioning.mail.host", "127.0.0.1")
            .with("provisioning.mail.port", String.valueOf(SMTP_PORT))
            .with("provisioning.mail.tls", "none")
            .with("provisioning.mail.user", "relay@provisioning.local")
            .with("provisioning.mail.password", SMTP_PASSWORD)
            .with("provisioning.mail.poll-interval-ms", "200")
            .asSystemProperties();
    private static final Pattern LINK = Pattern.compile("(http://\\S+/reset-password\\?token=([A-Za-z0-9_-]+))");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void removeCapture() {
        LOG.remove();
    }

    @Test
    void secretsNeverReachTheLogAndEveryOperationHasItsLine() throws Exception {
        mailServer().setUser("relay@provisioning.local", "relay@provisioning.local", SMTP_PASSWORD);
        assertEquals(
                401,
                new ApiClient("http://127.0.0.1:" + ENV.httpPort(), WRONG_TOKEN)
                        .get("/api/users")
                        .status());
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ENV.httpPort() + "/api/users"))
                        .header("Authorization", "Bearer " + TestEnvironment.API_TOKEN)
                        .header("Content-Type", "application/json")
                        .header("X-Correlation-Id", "hr-request-4711")
                        .POST(HttpRequest.BodyPublishers.ofString(ApiClient.json(Map.of(
                                "userName",
                                "secret.keeper@example.com",
                                "email",
                                "secret.keeper@example.com",
                                "firstName",
                                "Sam",
                                "lastName",
                                "Keeper",
                                "company",
                                "Vault"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(
                "hr-request-4711",
                created.headers().firstValue("X-Correlation-Id").orElse(null));
        String userId = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(created.body())
                .path("id")
                .asText();
        Await.until(
                () -> api.get("/api/users/" + userId).json(),
                u -> "provisioned".equals(u.path("onboardingStatus").asText()),
                Duration.ofSeconds(30));

        assertEquals(
                202,
                api.post("/api/activation-mails", ApiClient.json(Map.of("userIds", List.of(userId))))
                        .status());
        MimeMessage mail =
                Await.until(() -> mails("secret.keeper@example.com"), m -> m.length > 0, Duration.ofSeconds(20))[0];
        Matcher link =
                LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "="));
        assertTrue(link.find(), GreenMailUtil.getBody(mail));
        String resetToken = link.group(2);
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(link.group(1))).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        assertTrue(csrf.find(), page.body());
        HttpResponse<String> done = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ENV.httpPort() + "/reset-password"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + resetToken + "&csrf="
                                + encode(csrf.group(1)) + "&password=" + NEW_PASSWORD + "&confirm=" + NEW_PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, done.statusCode(), done.body());
        String salesforceUserId = recordId(api.get("/api/users/" + userId).json(), "salesforce-users");
        assertTrue(emulator().passwordMatches(salesforceUserId, NEW_PASSWORD), "the new password reached Salesforce");

        String log = Await.until(
                LOG::text, t -> t.contains("operation=password-sync outcome=success"), Duration.ofSeconds(10));
        for (String secret : List.of(
                TestEnvironment.API_TOKEN,
                WRONG_TOKEN,
                SALESFORCE_PASSWORD,
                SMTP_PASSWORD,
                NEW_PASSWORD,
                resetToken,
                csrf.group(1))) {
            assertFalse(log.contains(secret), "a secret is in the log: " + secret.substring(0, 4) + "…");
        }
        assertTrue(log.contains("SalesforceHttpClient"), "the capture sees the bundle's threads: " + log.length());
        // the caller's correlation id crossed the outbox to both applications' Salesforce calls and their lines
        assertTrue(
                assertOperationLine(
                                log,
                                "secret.keeper@example.com",
                                "application=salesforce operation=create outcome=success")
                        .contains("correlationId=hr-request-4711 requestId=outbox-"),
                log);
        assertTrue(
                assertOperationLine(
                                log,
                                "secret.keeper@example.com",
                                "application=salesforce-users operation=create outcome=success")
                        .contains("correlationId=hr-request-4711 requestId=outbox-"),
                log);
        assertTrue(
                log.lines()
                        .anyMatch(l -> l.contains("kind=salesforce-call correlationId=hr-request-4711")
                                && l.contains("call=createSObject")),
                log);
        assertOperationLine(
                log, "secret.keeper@example.com", "application=mail operation=activation-mail outcome=success");
        assertOperationLine(
                log,
                "secret.keeper@example.com",
                "application=salesforce-users operation=password-sync outcome=success");
        assertTrue(
                log.lines()
                        .anyMatch(l -> l.contains("kind=salesforce-call")
                                && l.contains("application=salesforce-users")
                                && l.contains("outcome=ok")
                                && l.contains("durationMs=")),
                log);
    }

    /** @return the one operation line of the user with these fields */
    private static String assertOperationLine(String log, String userName, String fields) {
        List<String> lines = log.lines()
                .filter(l -> l.contains(" operations - kind=operation ")
                        && l.contains(fields)
                        && l.contains("userName=" + userName + " "))
                .toList();
        assertEquals(
                1,
                lines.size(),
                fields + " in\n"
                        + String.join(
                                "\n",
                                log.lines().filter(l -> l.contains("kind=")).toList()));
        String line = lines.get(0);
        assertTrue(line.contains("durationMs=") && line.matches(".* correlationId=\\S+ .*"), line);
        return line;
    }

    @Test
    void aQueueMessageKeepsItsJmsCorrelationIdThroughTheOutbox() {
        try (QueueClient queue = ENV.queueClient()) {
            queue.send(
                    "provisioning.requests",
                    "{\"action\":\"create\",\"user\":{\"userName\":\"queued.keeper@example.com\","
                            + "\"email\":\"queued.keeper@example.com\",\"lastName\":\"Keeper\",\"company\":\"Vault\"},"
                            + "\"application\":\"salesforce\"}",
                    "queued.keeper@example.com",
                    Map.of("JMSCorrelationID", "hr-event-0042"));
        }
        String log = Await.until(
                LOG::text,
                t -> t.lines()
                        .anyMatch(
                                l -> l.contains("userName=queued.keeper@example.com") && l.contains("kind=operation")),
                Duration.ofSeconds(30));
        assertTrue(
                assertOperationLine(
                                log,
                                "queued.keeper@example.com",
                                "application=salesforce operation=create outcome=success")
                        .contains("correlationId=hr-event-0042 "),
                log);
    }

    private static String recordId(JsonNode user, String application) {
        for (JsonNode link : user.path("applications")) {
            if (application.equals(link.path("application").asText())) {
                return link.path("recordId").asText();
            }
        }
        throw new AssertionError(user.toString());
    }

    private MimeMessage[] mails(String to) {
        return Arrays.stream(mailServer().getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().equalsIgnoreCase(to));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toArray(MimeMessage[]::new);
    }

    private GreenMail mailServer() {
        return context.getRegistry()
                .lookupByNameAndType("embeddedMailServer", EmbeddedMailServer.class)
                .greenMail();
    }

    private EmulatorClient emulator() {
        return new EmulatorClient(
                context.getRegistry()
                        .lookupByNameAndType("salesforceEmulator-salesforce-users", SalesforceEmulator.class)
                        .baseUrl(),
                "integration@emulator.local",
                SALESFORCE_PASSWORD);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Every event of every logger, with its stack trace, as the console would show it. */
    static final class Capture extends AbstractAppender {

        private final StringBuffer text = new StringBuffer();

        private Capture() {
            super("secrets-capture", null, null, true, Property.EMPTY_ARRAY);
        }

        static Capture install() {
            Capture capture = new Capture();
            capture.start();
            LoggerContext logging = (LoggerContext) LogManager.getContext(false);
            logging.getConfiguration().addAppender(capture);
            logging.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
            // the product's and Camel's DEBUG lines too: an operator may turn them on
            for (String name : new String[] {"io.provisioning", "provisioning", "org.apache.camel"}) {
                org.apache.logging.log4j.core.config.Configurator.setLevel(name, Level.DEBUG);
            }
            logging.updateLoggers();
            return capture;
        }

        void remove() {
            for (String name : new String[] {"io.provisioning", "provisioning", "org.apache.camel"}) {
                org.apache.logging.log4j.core.config.Configurator.setLevel(name, Level.INFO);
            }
            LoggerContext logging = (LoggerContext) LogManager.getContext(false);
            logging.getConfiguration().getRootLogger().removeAppender(getName());
            logging.updateLoggers();
            stop();
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder line = new StringBuilder()
                    .append(event.getLevel())
                    .append(" [")
                    .append(event.getThreadName())
                    .append("] ")
                    .append(event.getLoggerName()
                            .substring(event.getLoggerName().lastIndexOf('.') + 1))
                    .append(" - ")
                    .append(event.getMessage().getFormattedMessage())
                    .append('\n');
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            text.append(line);
        }

        String text() {
            return text.toString();
        }
    }
}
