package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.provisioning.support.ExchangeKeys;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A report row written while its table is unavailable is retried, spooled to a file, and inserted exactly once when
 * the table is back (the outage is made real by renaming the table away and back).
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportWriteOutageTest {

    private static final TestEnvironment ENV = TestEnvironment.create("report-write-outage")
            .with("provisioning.reports.write.max-redeliveries", "2")
            .with("provisioning.reports.write.redelivery-delay-ms", "50")
            .with("provisioning.reports.spool.replay-interval-ms", "200")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    @Test
    void aRowWrittenDuringAnOutageIsSpooledAndReplayedOnce() throws Exception {
        DataSource db = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        Path spool = Path.of(ENV.properties().get("provisioning.data.dir"), "report-spool");
        execute(db, "ALTER TABLE provisioning_report RENAME TO provisioning_report_offline");
        try {
            Exchange result = write("outage@example.com", "req-42");
            assertNull(result.getException(), "the failure is handled, not thrown at the operation");
            assertEquals(1, spooled(spool).size());
            Thread.sleep(600); // several replay polls fail while the table is away: the file stays
            assertEquals(1, spooled(spool).size());
        } finally {
            execute(db, "ALTER TABLE provisioning_report_offline RENAME TO provisioning_report");
        }
        List<Map<String, Object>> rows =
                Await.until(() -> Reports.forUser(db, "outage@example.com"), r -> !r.isEmpty(), Duration.ofSeconds(20));
        Await.until(() -> spooled(spool), List::isEmpty, Duration.ofSeconds(10));
        Thread.sleep(600); // a few more polls: nothing is inserted twice
        rows = Reports.forUser(db, "outage@example.com");
        assertEquals(1, rows.size(), rows.toString());
        Map<String, Object> row = rows.get(0);
        assertEquals("failure", row.get("status"));
        assertEquals("req-42", row.get("request_id"));
        assertEquals("outage@example.com", row.get("user_identifier_key"));
        assertEquals("REQUIRED_FIELD_MISSING", row.get("error_code"));
        assertEquals(3, ((Number) row.get("attempt")).intValue());
    }

    @Test
    void aRowWrittenWhileTheDatabaseAnswersIsInsertedAtOnce() {
        DataSource db = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        write("Normal@Example.com", null);
        List<Map<String, Object>> rows = Reports.forUser(db, "Normal@Example.com");
        assertEquals(1, rows.size());
        assertEquals("normal@example.com", rows.get(0).get("user_identifier_key"));
    }

    private Exchange write(String identifier, String requestId) {
        ProducerTemplate producer = context.createProducerTemplate();
        return producer.send("direct:reports-write", exchange -> {
            exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, identifier);
            exchange.setProperty(ExchangeKeys.APPLICATION, "salesforce");
            exchange.setProperty(ExchangeKeys.OPERATION, "create");
            exchange.setProperty(ExchangeKeys.REPORT_STATUS, "failure");
            exchange.setProperty(ExchangeKeys.ERROR_CODE, "REQUIRED_FIELD_MISSING");
            exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, "Required fields are missing: [Company]");
            exchange.setProperty(ExchangeKeys.SOURCE, "test");
            exchange.setProperty(ExchangeKeys.ATTEMPT, 3);
            exchange.setProperty(ExchangeKeys.STARTED_AT, System.nanoTime());
            if (requestId != null) {
                exchange.setProperty(ExchangeKeys.REQUEST_ID, requestId);
            }
        });
    }

    private static List<Path> spooled(Path spool) {
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection connection = db.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
