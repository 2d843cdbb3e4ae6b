package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Issue 18: a User application's deprovisioning above its bulk-api threshold goes as one Bulk API 2.0 update job
 * (IsActive = false, by record id, without an external-id field); a deactivation Salesforce refuses for good in the job
 * goes back to the single write, which freezes the login.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
class BulkApiDeactivationTest {

    private static final String JOBS = "/services/data/v56.0/jobs/ingest";
    private static final TestEnvironment ENV = TestEnvironment.create("bulk-api-deactivation")
            .withUserApplication()
            .withQuickInbox()
            .with("provisioning.inbox.result-check-interval-ms", "300")
            .with("provisioning.outbox.initial-delay-ms", "100")
            .with("provisioning.application.salesforce-users.bulk-api.threshold", "20")
            // deactivations above 10 an hour are held until approved; approved ones are admitted, so Bulk may take them
            .with("provisioning.application.salesforce-users.deletion-threshold", "10")
            .with("provisioning.bulk-api.poll-interval-ms", "300")
            .asSystemProperties();
    private static final Path INBOX = ENV.inbox();

    @BeanInject
    CamelContext context;

    @Test
    void userDeactivationsGoAsAnUpdateJobAndARefusedOneIsFrozenInstead() throws Exception {
        EmulatorClient users = EmulatorClient.forApplication(context, "salesforce-users");
        StringBuilder staff = new StringBuilder("userName,email,firstName,lastName,company\n");
        for (int i = 0; i < 25; i++) {
            staff.append("staff%d@example.com,staff%d@example.com,First%d,Last%d,Acme\n".formatted(i, i, i, i));
        }
        drop("staff.csv", staff.toString());
        String workflowUser = users.query("SELECT Id FROM User WHERE Email = 'staff3@example.com'")
                .path("records")
                .path(0)
                .path("Id")
                .asText();
        assertEquals(204, users.control("PUT", "/emulator/users/" + workflowUser + "/default-workflow", "{}"));
        int updates = users.callCount("update");

        StringBuilder leavers = new StringBuilder("userName,action\n");
        for (int i = 0; i < 25; i++) {
            leavers.append("staff").append(i).append("@example.com,delete\n");
        }
        dropOnly("staff-leavers.csv", leavers.toString());
        io.provisioning.testsupport.ApiClient api = ENV.api();
        Await.until(
                () -> api.get("/api/applications/salesforce-users/held")
                        .json()
                        .path("count")
                        .asInt(),
                n -> n == 25,
                Duration.ofSeconds(60));
        assertEquals(
                200, api.post("/api/applications/salesforce-users/held/approve").status());
        awaitResult("staff-leavers.csv");

        List<Map<String, Object>> links = Reports.rows(
                dataSource(),
                "SELECT u.user_name, l.state FROM application_link l JOIN directory_user u ON u.id = l.user_id"
                        + " WHERE u.user_name LIKE 'staff%' AND l.application = 'salesforce-users'");
        assertEquals(
                24,
                links.stream().filter(l -> "deactivated".equals(l.get("state"))).count(),
                links.toString());
        assertEquals(
                List.of("staff3@example.com"),
                links.stream()
                        .filter(l -> "frozen".equals(l.get("state")))
                        .map(l -> l.get("user_name"))
                        .toList());
        List<JsonNode> jobs = new java.util.ArrayList<>();
        users.getJson(JOBS).path("records").forEach(jobs::add);
        assertEquals(1, jobs.size(), jobs.toString());
        JsonNode job = users.getJson(JOBS + "/" + jobs.get(0).path("id").asText());
        assertEquals("update", job.path("operation").asText(), job.toString());
        assertEquals("JobComplete", job.path("state").asText(), job.toString());
        assertEquals(25, job.path("numberRecordsProcessed").asInt(), job.toString());
        assertEquals(1, job.path("numberRecordsFailed").asInt(), job.toString());
        assertEquals(
                24,
                users.query("SELECT COUNT() FROM User WHERE Email LIKE 'staff%' AND IsActive = false")
                        .path("totalSize")
                        .asInt());
        // the refused one went back to the single write: its deactivation refused once more, then the freeze
        assertEquals(updates + 2, users.callCount("update"), "one PATCH of the User, one of its UserLogin");
        assertTrue(users.query("SELECT IsFrozen FROM UserLogin WHERE UserId = '" + workflowUser + "'")
                .path("records")
                .path(0)
                .path("IsFrozen")
                .asBoolean());
        List<Map<String, Object>> rows = Reports.rows(
                dataSource(),
                "SELECT user_identifier_key, error_code FROM provisioning_report WHERE user_identifier_key LIKE"
                        + " 'staff%' AND application = 'salesforce-users' AND operation = 'delete'"
                        + " AND status = 'success'");
        assertEquals(25, rows.size(), rows.toString());
        assertEquals(
                24,
                rows.stream()
                        .filter(r -> "BULK_API".equals(r.get("error_code")))
                        .count(),
                rows.toString());
        assertEquals(
                List.of("FIELD_INTEGRITY_EXCEPTION"),
                rows.stream()
                        .filter(r -> "staff3@example.com".equals(r.get("user_identifier_key")))
                        .map(r -> r.get("error_code"))
                        .toList());
    }

    /** Drops a file into the inbox and waits for its result file: all of its work has ended. */
    private static void drop(String name, String csv) throws Exception {
        dropOnly(name, csv);
        awaitResult(name);
    }

    private static void dropOnly(String name, String csv) throws Exception {
        Files.createDirectories(INBOX);
        Path temp = INBOX.resolve("." + name + ".part");
        Files.writeString(temp, csv, StandardCharsets.UTF_8);
        Files.move(temp, INBOX.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitResult(String name) {
        Path result = INBOX.resolve("done").resolve(name + ".result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(120));
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
