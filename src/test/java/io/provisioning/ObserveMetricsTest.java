package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Inbox;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /observe/metrics} while real operations run: a created user, one failing through the emulator's fault
 * injection, a bulk file, an activation mail, and work waiting in the outbox each move their meters.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObserveMetricsTest {

    private static final TestEnvironment ENV = TestEnvironment.create("observe-metrics")
            .with("provisioning.salesforce.emulator.daily-api-limit", "50000")
            .with("provisioning.observe.outbox-cache-ms", "100")
            .withQuickInbox()
            .with("provisioning.mail.poll-interval-ms", "200")
            .asSystemProperties();
    private static final Path INBOX = ENV.inbox();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    void operationsSalesforceCallsAndApiUsageAreCounted() {
        String before = scrape();
        String userId = createUser("metrics.ada@example.com");
        api.awaitFirstLinkState(userId, "provisioned");

        String after = Await.until(
                this::scrape,
                s -> operations(s, "create", "success") == operations(before, "create", "success") + 1,
                Duration.ofSeconds(10));
        assertTrue(
                value(after, "provisioning_salesforce_api_calls_total", "application", "salesforce", "outcome", "ok")
                        > value(
                                before,
                                "provisioning_salesforce_api_calls_total",
                                "application",
                                "salesforce",
                                "outcome",
                                "ok"),
                after);
        assertEquals(
                50000, value(after, "provisioning_salesforce_api_requests_max", "application", "salesforce"), after);
        assertTrue(
                after.lines().anyMatch(line -> line.startsWith("camel_exchanges_")),
                "Camel's route meters are exported");
        double remaining = value(after, "provisioning_salesforce_api_requests_remaining", "application", "salesforce");
        assertTrue(remaining > 0 && remaining < 50000, after);

        emulator()
                .injectFault(
                        "{\"operation\":\"upsert\",\"count\":1,\"status\":400,\"errorCode\":\"REQUIRED_FIELD_MISSING\","
                                + "\"message\":\"Required fields are missing: [Company]\"}");
        String failingId = createUser("metrics.failing@example.com");
        api.awaitFirstLinkState(failingId, "failed");
        String failed = Await.until(
                this::scrape,
                s -> operations(s, "create", "failure") == operations(after, "create", "failure") + 1,
                Duration.ofSeconds(10));
        assertTrue(
                value(
                                failed,
                                "provisioning_salesforce_api_calls_total",
                                "application",
                                "salesforce",
                                "outcome",
                                "error")
                        > value(
                                after,
                                "provisioning_salesforce_api_calls_total",
                                "application",
                                "salesforce",
                                "outcome",
                                "error"),
                failed);
        // every call reports the org's usage, so the remaining requests went down
        assertTrue(
                value(failed, "provisioning_salesforce_api_requests_remaining", "application", "salesforce")
                        < remaining,
                failed);
    }

    @Test
    void bulkFileRowsAreCountedByOutcome() throws Exception {
        String before = scrape();
        Inbox.drop(
                INBOX,
                "metrics.csv",
                "userName,email,lastName,company\n"
                        + "bulk.one@example.com,bulk.one@example.com,One,Files\n"
                        + "bulk.two@example.com,bulk.two@example.com,Two,Files\n"
                        + "bulk.bad@example.com,not-an-address,Bad,Files\n");
        String after = Await.until(
                this::scrape,
                s -> value(s, "provisioning_bulk_rows_total", "outcome", "invalid")
                        == value(before, "provisioning_bulk_rows_total", "outcome", "invalid") + 1,
                Duration.ofSeconds(20));
        assertEquals(
                value(before, "provisioning_bulk_rows_total", "outcome", "created") + 2,
                value(after, "provisioning_bulk_rows_total", "outcome", "created"),
                after);
    }

    @Test
    void activationMailsSentAreCounted() {
        String userId = createUser("metrics.mail@example.com");
        api.awaitFirstLinkState(userId, "provisioned");
        String before = scrape();
        ApiClient.Response queued =
                api.post("/api/activation-mails", ApiClient.json(Map.of("userIds", List.of(userId))));
        assertEquals(202, queued.status(), queued.body());
        Await.until(
                this::scrape,
                s -> value(s, "provisioning_mails_sent_total", "kind", "activation-mail")
                        == value(before, "provisioning_mails_sent_total", "kind", "activation-mail") + 1,
                Duration.ofSeconds(20));
    }

    @Test
    void outboxDepthAndOldestAgeFollowTheWaitingWork() throws Exception {
        context.getRouteController().stopRoute("provisioning-outbox");
        try {
            createUser("metrics.waiting@example.com");
            String waiting = Await.until(
                    this::scrape,
                    s -> value(s, "provisioning_outbox_pending") >= 1
                            && value(s, "provisioning_outbox_oldest_pending_age_seconds") > 0,
                    Duration.ofSeconds(10));
            assertTrue(value(waiting, "provisioning_outbox_pending") >= 1, waiting);
        } finally {
            context.getRouteController().startRoute("provisioning-outbox");
        }
        Await.until(
                this::scrape,
                s -> value(s, "provisioning_outbox_pending") == 0
                        && value(s, "provisioning_outbox_oldest_pending_age_seconds") == 0,
                Duration.ofSeconds(20));
    }

    private String scrape() {
        ApiClient.Response response = api.getWithoutToken("/observe/metrics");
        assertEquals(200, response.status(), response.body());
        return response.body();
    }

    private static double operations(String scrape, String operation, String status) {
        return value(
                scrape,
                "provisioning_operations_total",
                "application",
                "salesforce",
                "operation",
                operation,
                "status",
                status);
    }

    /** The sample of {@code name} whose labels include the given pairs; 0 when there is none yet. */
    static double value(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                matches &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (matches) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private String createUser(String userName) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName", userName, "email", userName, "lastName", "Metrics", "company", "Observability")));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private EmulatorClient emulator() {
        return EmulatorClient.defaultOrg(context);
    }
}
