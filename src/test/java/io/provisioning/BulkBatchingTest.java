package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bulk provisioning goes to Salesforce in sObject collections: about one call per 200 users. */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkBatchingTest {

    private static final TestEnvironment ENV = TestEnvironment.create("bulk-batching")
            .withQuickInbox()
            .with("provisioning.inbox.result-check-interval-ms", "300")
            .with("provisioning.outbox.initial-delay-ms", "100")
            .asSystemProperties();
    private static final Path INBOX = ENV.inbox();

    @BeanInject
    CamelContext context;

    @Test
    void fourHundredFiftyUsersTakeAFewCollectionCallsAndEachRecordsResultReachesItsRow() throws Exception {
        StringBuilder csv = new StringBuilder("userName,email,firstName,lastName,company\n");
        for (int i = 0; i < 450; i++) {
            String first = i == 123 ? "F".repeat(50) : "First" + i; // Lead.FirstName takes 40 characters
            csv.append("batch")
                    .append(i)
                    .append("@example.com,batch")
                    .append(i)
                    .append("@example.com,")
                    .append(first)
                    .append(",Last")
                    .append(i)
                    .append(",Acme\n");
        }
        Files.createDirectories(INBOX);
        Path temp = INBOX.resolve(".batch.csv.part");
        Files.writeString(temp, csv, StandardCharsets.UTF_8);
        Files.move(temp, INBOX.resolve("batch.csv"), StandardCopyOption.ATOMIC_MOVE);

        Path result = INBOX.resolve("done").resolve("batch.csv.result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(60));

        EmulatorClient org = org();
        JsonNode calls = org.calls().path("byOperation");
        assertEquals(0, calls.path("create").asInt(), calls.toString());
        assertTrue(calls.path("composite").asInt() <= 3 + 2, "ceil(450/200) + a small constant: " + calls);
        assertEquals(
                449, org.query("SELECT COUNT() FROM Lead").path("totalSize").asInt());

        List<String> lines = Files.readAllLines(result);
        assertEquals(451, lines.size());
        String failedRow =
                lines.stream().filter(l -> l.startsWith("125,")).findFirst().orElseThrow();
        assertTrue(failedRow.contains("salesforce: failed STRING_TOO_LONG"), failedRow);
        assertTrue(lines.get(1).endsWith("salesforce: provisioned"), lines.get(1));

        List<Map<String, Object>> rows = Reports.rows(
                dataSource(),
                "SELECT status, source, record_id FROM provisioning_report"
                        + " WHERE user_identifier = ? AND operation = 'create'",
                "batch7@example.com");
        assertEquals(1, rows.size());
        assertEquals("success", rows.get(0).get("status"));
        assertEquals("file:batch.csv#9", rows.get(0).get("source"));
        assertTrue(rows.get(0).get("record_id").toString().startsWith("00Q"));
    }

    private EmulatorClient org() {
        return EmulatorClient.defaultOrg(context.getRegistry()
                .lookupByNameAndType("salesforceEmulator", SalesforceEmulator.class)
                .baseUrl());
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
