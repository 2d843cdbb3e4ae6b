package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.directory.WorkRetention;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.Inbox;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Finished work is purged once older than the retention period, and a purged file job keeps its totals. */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkRetentionTest {

    private static final TestEnvironment ENV = TestEnvironment.create("work-retention")
            .with("provisioning.inbox.min-age-ms", "200")
            .with("provisioning.inbox.poll-interval-ms", "200")
            .with("provisioning.inbox.result-check-interval-ms", "300")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    void finishedWorkOlderThanTheRetentionIsPurgedInBatches() throws Exception {
        Path inbox = Path.of(ENV.properties().get("provisioning.data.dir"), "inbox");
        StringBuilder csv = new StringBuilder("userName,email,lastName,company\n");
        for (int i = 0; i < 5; i++) {
            csv.append("kept").append(i).append("@example.com,kept").append(i).append("@example.com,Kept,Acme\n");
        }
        Inbox.drop(inbox, "users.csv", csv.toString());
        Await.until(
                () -> Files.exists(inbox.resolve("done/users.csv.result.csv")), done -> done, Duration.ofSeconds(60));
        String job = String.valueOf(Reports.rows(dataSource(), "SELECT job_id FROM inbound_file")
                .get(0)
                .get("job_id"));
        Await.until(
                () -> api.get("/api/jobs/" + job).json().path("status").asText(),
                "completed"::equals,
                Duration.ofSeconds(30));
        try (Connection connection = dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO processed_request (request_key, source, processed_at) VALUES (?, ?, ?)")) {
            insert.setString(1, "queue:message-1");
            insert.setString(2, "queue:test");
            insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }

        Map<String, Long> none = retention(Clock.systemUTC()).purge();
        assertEquals(
                Map.of("provisioning_outbox", 0L, "bulk_row", 0L, "processed_request", 0L), none, "nothing is old yet");
        assertEquals(5, count("provisioning_outbox"));

        Map<String, Long> purged =
                retention(Clock.offset(Clock.systemUTC(), Duration.ofDays(31))).purge();
        assertEquals(Map.of("provisioning_outbox", 5L, "bulk_row", 5L, "processed_request", 1L), purged);
        assertEquals(0, count("provisioning_outbox"));
        assertEquals(0, count("bulk_row"));
        assertEquals(0, count("processed_request"));
        assertEquals(5, count("directory_user"), "users stay");
        JsonNode view = api.get("/api/jobs/" + job).json();
        assertEquals(5, view.path("provisioned").asInt(), "the job keeps its totals: " + view);
        assertEquals(0, view.path("provisioningFailed").asInt());
        assertEquals(5, view.path("valid").asInt());
    }

    /** Batches of two rows: the purge must loop until nothing is left. */
    private WorkRetention retention(Clock clock) {
        return new WorkRetention(dataSource(), Duration.ofDays(30), 2, clock);
    }

    private long count(String table) {
        return ((Number) Reports.rows(dataSource(), "SELECT COUNT(*) AS n FROM " + table)
                        .get(0)
                        .get("n"))
                .longValue();
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
