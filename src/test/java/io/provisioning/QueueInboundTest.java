package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.QueueClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import testfaults.QueueFaults;

/**
 * Lifecycle events over JMS: the bundle's embedded Artemis broker, reached over TCP by a separate JMS client, feeds
 * the directory and, through the outbox, the emulated org. Poison messages are dead-lettered with their reason,
 * redeliveries have one effect, transient failures are retried and then dead-lettered.
 */
@CamelMainTest(
        propertyPlaceholderLocations = Application.CONFIG_LOCATION,
        advices = @AdviceRouteMapping(route = "inbound-queue", advice = QueueFaults.class))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueInboundTest {

    private static final String QUEUE = "provisioning.requests";
    private static final String DLQ = "provisioning.requests.DLQ";
    private static final TestEnvironment ENV = TestEnvironment.create("queue-inbound")
            .with("provisioning.broker.max-redeliveries", "2")
            .with("provisioning.broker.redelivery-delay-ms", "50")
            .with("provisioning.broker.max-message-bytes", "65536")
            .with("provisioning.broker.events.enabled", "true")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();
    private QueueClient client;

    @BeforeEach
    void connect() {
        if (client == null) {
            client = ENV.queueClient(); // the broker starts with the bundle, after this instance is made
        }
    }

    @AfterAll
    void closeClient() {
        client.close();
    }

    @Test
    void createUpdateAndDeleteSentBackToBackEndInSalesforceInOrder() {
        String name = "Queue.Ada@example.com";
        client.send(
                QUEUE,
                message(
                        "create",
                        "{\"userName\":\"" + name + "\",\"email\":\"queue.ada@example.com\","
                                + "\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"company\":\"Analytical Engines\"}",
                        "c-1"),
                group(name));
        client.send(
                QUEUE,
                message("update", "{\"userName\":\"queue.ada@example.com\",\"lastName\":\"Byron\"}", "u-1"),
                group(name));

        User user = awaitUser(name);
        JsonNode provisioned =
                awaitLink(user.id(), l -> "provisioned".equals(l.path("state").asText()) && !l.has("lastState"));
        String leadId = provisioned.path("recordId").asText();
        JsonNode lead = Await.until(
                () -> emulator().record("Lead", leadId),
                l -> "Byron".equals(l.path("LastName").asText()),
                Duration.ofSeconds(30));
        assertEquals("Analytical Engines", lead.path("Company").asText());
        Await.until(
                () -> Reports.rows(
                        dataSource(),
                        "SELECT source FROM provisioning_report WHERE user_identifier_key = ?",
                        name.toLowerCase(java.util.Locale.ROOT)),
                rows -> rows.size() >= 2
                        && rows.stream()
                                .allMatch(r -> r.get("source").toString().startsWith("queue:" + QUEUE + "#ID:")),
                Duration.ofSeconds(20));

        JsonNode event = Await.until(
                () -> nextEvent(),
                e -> e == null
                        || "queue.ada@example.com"
                                .equals(e.path("userIdentifier").asText().toLowerCase(java.util.Locale.ROOT)),
                Duration.ofSeconds(20));
        assertNotNull(event, "an outcome event on provisioning.events");
        assertEquals("create", event.path("operation").asText());
        assertEquals("success", event.path("status").asText());
        assertEquals(leadId, event.path("recordId").asText());

        client.send(QUEUE, message("delete", "{\"userName\":\"QUEUE.ADA@example.com\"}", "d-1"), group(name));
        Await.until(() -> emulator().recordStatus("Lead", leadId), status -> status == 404, Duration.ofSeconds(30));
        assertEquals(
                "deleted",
                awaitLink(user.id(), l -> "deleted".equals(l.path("state").asText()))
                        .path("state")
                        .asText());
        assertNull(client.receive(DLQ, 200), "nothing dead-lettered");
    }

    @Test
    void upsertCreatesThenUpdates() {
        String name = "upsert.grace@example.com";
        client.send(QUEUE, message("upsert", profile(name, "Hopper"), null), group(name));
        User created = awaitUser(name);
        client.send(QUEUE, message("upsert", profile(name, "Murray"), null), group(name));
        Await.until(
                () -> directory().findByUserName(name).orElseThrow().lastName(),
                "Murray"::equals,
                Duration.ofSeconds(20));
        assertEquals(
                created.id(), directory().findByUserName(name).orElseThrow().id());
    }

    @Test
    void poisonMessagesAreDeadLetteredWithTheirReasonAndDoNotBlockTheNextOne() throws JMSException {
        drainDeadLetters();
        String name = "after.poison@example.com";
        List<String> poison = List.of(
                "this is not JSON",
                "[1,2,3]",
                "{\"action\":\"rename\",\"user\":{\"userName\":\"x@example.com\"}}",
                "{\"action\":\"create\",\"user\":{\"email\":\"nameless@example.com\"}}",
                "{\"action\":\"create\",\"user\":{\"userName\":\"bad.mail@example.com\",\"email\":\"not-a-mail\",\"lastName\":\"X\",\"company\":\"Y\"}}",
                "{\"action\":\"update\",\"user\":{\"userName\":\"nobody@example.com\",\"lastName\":\"X\"}}",
                "{\"action\":\"create\",\"user\":{\"userName\":\"big@example.com\",\"lastName\":\"" + "x".repeat(70_000)
                        + "\"}}");
        List<String> ids = new ArrayList<>();
        for (String body : poison) {
            ids.add(client.send(QUEUE, body, "poison"));
        }
        client.send(QUEUE, message("create", profile(name, "Next"), null), "poison");
        awaitUser(name);

        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < poison.size(); i++) {
            Message dead = client.receive(DLQ, 10_000);
            assertNotNull(dead, "dead letter " + i + " of " + poison.size() + "; reasons so far " + reasons);
            assertEquals("INVALID_MESSAGE", dead.getStringProperty("provisioningErrorCode"));
            reasons.add(dead.getStringProperty("provisioningError"));
            assertEquals(poison.get(i), ((TextMessage) dead).getText(), "the original body is kept");
        }
        assertTrue(reasons.get(0).startsWith("the message is not valid JSON"), reasons.get(0));
        assertEquals("the message must be a JSON object", reasons.get(1));
        assertTrue(reasons.get(2).startsWith("unknown action 'rename'"), reasons.get(2));
        assertEquals("user.userName is required: it identifies the user", reasons.get(3));
        assertTrue(reasons.get(4).contains("user.email is not a valid e-mail address"), reasons.get(4));
        assertEquals("no user with userName 'nobody@example.com'", reasons.get(5));
        assertTrue(reasons.get(6).contains("more than the limit of 65536"), reasons.get(6));

        List<Map<String, Object>> rows = Reports.rows(
                dataSource(),
                "SELECT * FROM provisioning_report WHERE source = ?",
                "queue:" + QUEUE + "#" + ids.get(2));
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("failure", rows.get(0).get("status"));
        assertEquals("queue", rows.get(0).get("operation"));
        assertEquals("INVALID_MESSAGE", rows.get(0).get("error_code"));
        assertEquals("x@example.com", rows.get(0).get("user_identifier"));
        assertEquals(
                "update",
                Reports.rows(
                                dataSource(),
                                "SELECT operation FROM provisioning_report WHERE source = ?",
                                "queue:" + QUEUE + "#" + ids.get(5))
                        .get(0)
                        .get("operation"));
    }

    @Test
    void theSameRequestIdSentTwiceIsAppliedOnce() {
        drainDeadLetters(); // dead letters of other tests (the test order is not fixed)
        String name = "twice@example.com";
        String body = message("create", profile(name, "Twice"), "req-twice-1");
        client.send(QUEUE, body, group(name));
        client.send(QUEUE, body, group(name));
        User user = awaitUser(name);
        awaitLink(user.id(), l -> "provisioned".equals(l.path("state").asText()));
        assertEquals(1, outboxItems(user.id()), "one piece of provisioning work");
        assertNull(client.receive(DLQ, 500), "the second copy is not a duplicate-user failure");
        Await.until(() -> client.depth(QUEUE), depth -> depth == 0, Duration.ofSeconds(10));
    }

    @Test
    void anActivationMailRequestQueuesOneMailEvenWhenRedelivered() {
        drainDeadLetters(); // dead letters of other tests (the test order is not fixed)
        String name = "mail.me@example.com";
        client.send(QUEUE, message("create", profile(name, "Mail"), null), group(name));
        User user = awaitUser(name);
        String body = message("activation-mail", "{\"userName\":\"MAIL.ME@example.com\"}", "req-mail-1");
        client.send(QUEUE, body, group(name));
        client.send(QUEUE, body, group(name));
        Await.until(
                () -> Reports.rows(dataSource(), "SELECT id FROM activation_mail WHERE user_id = ?", user.id())
                        .size(),
                n -> n >= 1,
                Duration.ofSeconds(20));
        Await.until(() -> client.depth(QUEUE), depth -> depth == 0, Duration.ofSeconds(10));
        assertEquals(
                1,
                Reports.rows(dataSource(), "SELECT id FROM activation_mail WHERE user_id = ?", user.id())
                        .size(),
                "one mail for one request");
        assertNull(client.receive(DLQ, 500));
    }

    @Test
    void aDeliveryRolledBackAfterTheDatabaseCommitIsRedeliveredWithoutASecondEffect() {
        drainDeadLetters(); // dead letters of other tests (the test order is not fixed)
        String name = "rollback@example.com";
        String id = client.send(
                QUEUE,
                message("create", profile(name, "Rollback"), null),
                group(name),
                Map.of("testFault", "rollback-after-commit"));
        User user = awaitUser(name);
        Await.until(
                () -> QueueFaults.ATTEMPTS.containsKey(id)
                        ? QueueFaults.ATTEMPTS.get(id).get()
                        : 0,
                attempts -> attempts >= 2,
                Duration.ofSeconds(20));
        Await.until(() -> client.depth(QUEUE), depth -> depth == 0, Duration.ofSeconds(10));
        awaitLink(user.id(), l -> "provisioned".equals(l.path("state").asText()));
        assertEquals(1, outboxItems(user.id()), "the redelivery found its key and changed nothing");
        assertEquals(
                1,
                Reports.rows(dataSource(), "SELECT * FROM processed_request WHERE request_key = ?", "jms-message:" + id)
                        .size());
        assertNull(client.receive(DLQ, 500));
    }

    @Test
    void aTransientFailureIsRetriedWithBackOffThenDeadLettered() throws JMSException {
        drainDeadLetters();
        String name = "outage@example.com";
        String id = client.send(
                QUEUE,
                message("create", profile(name, "Outage"), "req-outage"),
                group(name),
                Map.of("testFault", "transient"));
        Message dead = client.receive(DLQ, 20_000);
        assertNotNull(dead);
        assertEquals("REDELIVERIES_EXHAUSTED", dead.getStringProperty("provisioningErrorCode"));
        assertEquals(
                "failed after 3 attempts: Directory database error: simulated outage",
                dead.getStringProperty("provisioningError"));
        assertEquals(3, QueueFaults.ATTEMPTS.get(id).get());
        assertTrue(directory().findByUserName(name).isEmpty());
        Map<String, Object> row = Await.until(
                        () -> Reports.forUser(dataSource(), name), r -> !r.isEmpty(), Duration.ofSeconds(10))
                .get(0);
        assertEquals("create", row.get("operation"));
        assertEquals("req-outage", row.get("request_id"));
        assertEquals(3, ((Number) row.get("attempt")).intValue());
    }

    /** The next outcome event (events of other tests' users may come first), or null when there is none. */
    private JsonNode nextEvent() {
        try {
            Message event = client.receive("provisioning.events", 5_000);
            return event == null
                    ? null
                    : new com.fasterxml.jackson.databind.ObjectMapper().readTree(((TextMessage) event).getText());
        } catch (JMSException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void drainDeadLetters() {
        while (client.receive(DLQ, 100) != null) {
            // left over from another test
        }
    }

    private static String message(String action, String user, String requestId) {
        return "{\"action\":\"" + action + "\",\"user\":" + user
                + (requestId == null ? "" : ",\"requestId\":\"" + requestId + "\"") + "}";
    }

    private static String profile(String userName, String lastName) {
        return "{\"userName\":\"" + userName + "\",\"email\":\"" + userName + "\",\"lastName\":\"" + lastName
                + "\",\"company\":\"Acme\"}";
    }

    private static String group(String userName) {
        return userName.toLowerCase(java.util.Locale.ROOT);
    }

    private User awaitUser(String userName) {
        return Await.until(() -> directory().findByUserName(userName), Optional::isPresent, Duration.ofSeconds(20))
                .orElseThrow();
    }

    private JsonNode awaitLink(String userId, java.util.function.Predicate<JsonNode> condition) {
        return Await.until(
                () -> api.get("/api/users/" + userId)
                        .json()
                        .path("applications")
                        .path(0),
                condition,
                Duration.ofSeconds(30));
    }

    private int outboxItems(String userId) {
        return Reports.rows(dataSource(), "SELECT id FROM provisioning_outbox WHERE user_id = ?", userId)
                .size();
    }

    private UserDirectory directory() {
        return context.getRegistry().lookupByNameAndType("userDirectory", UserDirectory.class);
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    private EmulatorClient emulator() {
        return EmulatorClient.defaultOrg(context.getRegistry()
                .lookupByNameAndType("salesforceEmulator", SalesforceEmulator.class)
                .baseUrl());
    }
}
