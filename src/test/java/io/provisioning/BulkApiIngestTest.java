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
import java.util.ArrayList;
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
 * Issue 18: a load above the application's bulk-api threshold goes to Salesforce as Bulk API 2.0 ingest jobs through
 * camel-salesforce's bulk2 operations (emulator over HTTP), each result row reaching its user; a lost upload answer
 * and a bundle instance that died while its job ran are resumed by the stored job id; updates go as update jobs by
 * record id, and deletions the deletion threshold held go as a delete job once approved.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkApiIngestTest {

    private static final String JOBS = "/services/data/v56.0/jobs/ingest";
    private static final TestEnvironment ENV = TestEnvironment.create("bulk-api-ingest")
            .withQuickInbox()
            .with("provisioning.inbox.result-check-interval-ms", "300")
            .with("provisioning.outbox.initial-delay-ms", "100")
            .with("provisioning.application.salesforce.bulk-api.threshold", "20")
            .with("provisioning.bulk-api.poll-interval-ms", "300")
            .with("provisioning.salesforce.request-timeout-ms", "3000")
            // deletions above 10 an hour are held until approved; approved ones are admitted, so Bulk may take them
            .with("provisioning.application.salesforce.deletion-threshold", "10")
            .asSystemProperties();
    private static final Path INBOX = ENV.inbox();

    @BeanInject
    CamelContext context;

    @Test
    @Order(1)
    void aFileAboveTheThresholdGoesThroughOneIngestJobAndEveryResultRowReachesItsUser() throws Exception {
        EmulatorClient org = EmulatorClient.defaultOrg(context);
        drop("load.csv", "load", 120, 57);

        Path result = INBOX.resolve("done").resolve("load.csv.result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(120));

        JsonNode calls = org.calls().path("byOperation");
        assertEquals(0, calls.path("composite").asInt(), "no collections: " + calls);
        assertEquals(0, calls.path("upsert").asInt() + calls.path("create").asInt(), calls.toString());
        // create, upload, close, a few polls, successful and failed results
        assertTrue(calls.path("bulk").asInt() + calls.path("bulk-upload").asInt() <= 12, calls.toString());
        assertEquals(
                119, org.query("SELECT COUNT() FROM Lead").path("totalSize").asInt());

        List<JsonNode> jobs = list(org.getJson(JOBS).path("records"));
        assertEquals(1, jobs.size(), jobs.toString());
        String jobId = jobs.get(0).path("id").asText();
        assertEquals("upsert", jobs.get(0).path("operation").asText());

        List<String> lines = Files.readAllLines(result);
        assertEquals(121, lines.size());
        assertTrue(
                lines.stream()
                                .filter(l -> l.contains("salesforce: provisioned"))
                                .count()
                        == 119,
                lines.toString());
        String failedRow =
                lines.stream().filter(l -> l.startsWith("59,")).findFirst().orElseThrow();
        assertTrue(failedRow.contains("salesforce: failed STRING_TOO_LONG"), failedRow);

        List<Map<String, Object>> rows = Reports.rows(
                dataSource(),
                "SELECT status, record_id, error_code, error_message FROM provisioning_report"
                        + " WHERE user_identifier_key LIKE 'load%' ORDER BY id");
        assertEquals(120, rows.size(), rows.toString());
        Map<String, Object> ok = rows.stream()
                .filter(r -> "success".equals(r.get("status")))
                .findFirst()
                .orElseThrow();
        assertEquals("BULK_API", ok.get("error_code"));
        assertTrue(String.valueOf(ok.get("error_message")).contains(jobId), ok.toString());
        assertTrue(String.valueOf(ok.get("record_id")).startsWith("00Q"), ok.toString());
        Map<String, Object> failed = rows.stream()
                .filter(r -> "failure".equals(r.get("status")))
                .findFirst()
                .orElseThrow();
        assertEquals("STRING_TOO_LONG", failed.get("error_code"));
        assertTrue(String.valueOf(failed.get("error_message")).contains(jobId), failed.toString());
    }

    @Test
    @Order(2)
    void aLostUploadAnswerAbortsTheOpenJobAndSendsTheRowsOnceInANewOne() throws Exception {
        EmulatorClient org = EmulatorClient.defaultOrg(context);
        // the upload takes effect, its answer never comes: the bundle cannot know whether the job has its data
        org.injectFault(
                "{\"operation\":\"bulk-upload\",\"count\":1,\"timeout\":true,\"applied\":true," + "\"millis\":6000}");
        drop("lost.csv", "lost", 40, -1);
        Path result = INBOX.resolve("done").resolve("lost.csv.result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(120));

        List<JsonNode> jobs = list(org.getJson(JOBS).path("records"));
        List<JsonNode> states = new ArrayList<>();
        for (JsonNode job : jobs) {
            states.add(org.getJson(JOBS + "/" + job.path("id").asText()));
        }
        JsonNode aborted = states.stream()
                .filter(j -> j.path("state").asText().equals("Aborted"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(states.toString()));
        assertEquals(0, aborted.path("numberRecordsProcessed").asInt(), "the aborted job applied nothing");
        assertEquals(
                40,
                org.query("SELECT COUNT() FROM Lead WHERE Email LIKE 'lost%'")
                        .path("totalSize")
                        .asInt());
        assertEquals(
                40,
                Reports.rows(
                                dataSource(),
                                "SELECT status FROM provisioning_report WHERE user_identifier_key LIKE 'lost%'"
                                        + " AND status = 'success'")
                        .size());
    }

    @Test
    @Order(3)
    void aJobWhoseInstanceDiedIsFollowedByItsIdWithoutASecondUpload() throws Exception {
        EmulatorClient org = EmulatorClient.defaultOrg(context);
        org.control("PUT", "/emulator/bulk", "{\"recordsPerSecond\":10}");
        int uploadsBefore = org.calls().path("byOperation").path("bulk-upload").asInt();
        drop("slow.csv", "slow", 30, -1);
        // the job is running in Salesforce: its id is stored, the upload done
        Await.until(
                () -> Reports.rows(dataSource(), "SELECT sf_job_id FROM bulk_ingest_job WHERE state = 'closed'"),
                r -> !r.isEmpty(),
                Duration.ofSeconds(60));
        // this instance "dies": its lease on the job is gone and another instance's claim has run out
        try (var connection = dataSource().getConnection();
                var update = connection.prepareStatement("UPDATE bulk_ingest_job SET claimed_by = 'dead-instance',"
                        + " claimed_until = ? WHERE state = 'closed'")) {
            update.setObject(1, java.time.OffsetDateTime.now().minusMinutes(5));
            update.executeUpdate();
        }
        org.control("PUT", "/emulator/bulk", "{\"recordsPerSecond\":10000}");
        Path result = INBOX.resolve("done").resolve("slow.csv.result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(120));
        assertEquals(
                uploadsBefore + 1,
                org.calls().path("byOperation").path("bulk-upload").asInt());
        assertEquals(
                30,
                org.query("SELECT COUNT() FROM Lead WHERE Email LIKE 'slow%'")
                        .path("totalSize")
                        .asInt());
    }

    @Test
    @Order(4)
    void anImportOfMoreRecordsThanTheThresholdReadsThemWithABulkQueryJob() throws Exception {
        EmulatorClient org = EmulatorClient.defaultOrg(context);
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            leads.add(Map.of(
                    "LastName", "Imported" + i, "Company", "Acme, Inc", "Email", "imported" + i + "@example.com"));
        }
        org.createMany("Lead", leads);
        int queryJobsBefore =
                org.getJson("/services/data/v56.0/jobs/query").path("records").size();
        int queriesBefore = org.calls().path("byOperation").path("query").asInt();

        io.provisioning.testsupport.ApiClient api = ENV.api();
        var started = api.post("/api/applications/salesforce/import");
        assertEquals(202, started.status(), started.body());
        String jobId = started.json().path("id").asText();
        JsonNode job = Await.until(
                () -> api.get("/api/jobs/" + jobId).json(),
                j -> !"running".equals(j.path("status").asText()),
                Duration.ofSeconds(90));
        assertEquals("completed", job.path("status").asText(), job.toString());
        assertEquals(30, job.path("created").asInt(), job.toString());
        assertEquals(
                queryJobsBefore + 1,
                org.getJson("/services/data/v56.0/jobs/query").path("records").size());
        // only the COUNT() that chose the API went through the REST query
        assertEquals(
                queriesBefore + 1, org.calls().path("byOperation").path("query").asInt());
        List<Map<String, Object>> user = Reports.rows(
                dataSource(),
                "SELECT company, last_name FROM directory_user WHERE user_name = 'imported7@example.com'");
        assertEquals(List.of(Map.of("company", "Acme, Inc", "last_name", "Imported7")), user);
    }

    @Test
    @Order(5)
    void updatesAboveTheThresholdGoAsAnUpdateJobByRecordId() throws Exception {
        EmulatorClient org = EmulatorClient.defaultOrg(context);
        int composite = org.calls().path("byOperation").path("composite").asInt();
        StringBuilder csv = new StringBuilder("userName,company,action\n");
        for (int i = 0; i < 40; i++) {
            csv.append("lost").append(i).append("@example.com,\"Renamed, Co\",update\n");
        }
        dropText("renamed.csv", csv.toString());
        Path result = INBOX.resolve("done").resolve("renamed.csv.result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(120));

        JsonNode job = jobOf(org, "update");
        assertEquals("JobComplete", job.path("state").asText(), job.toString());
        assertEquals(40, job.path("numberRecordsProcessed").asInt(), job.toString());
        assertEquals(
                composite, org.calls().path("byOperation").path("composite").asInt(), "no collections");
        assertEquals(
                40,
                org.query("SELECT COUNT() FROM Lead WHERE Email LIKE 'lost%' AND Company = 'Renamed, Co'")
                        .path("totalSize")
                        .asInt());
        List<Map<String, Object>> rows = Reports.rows(
                dataSource(),
                "SELECT error_code, error_message, record_id FROM provisioning_report WHERE user_identifier_key"
                        + " LIKE 'lost%' AND operation = 'update' AND status = 'success'");
        assertEquals(40, rows.size(), rows.toString());
        assertTrue(
                rows.stream()
                        .allMatch(r -> "BULK_API".equals(r.get("error_code"))
                                && String.valueOf(r.get("error_message"))
                                        .contains(job.path("id").asText())
                                && String.valueOf(r.get("record_id")).startsWith("00Q")),
                rows.toString());
        // the link remembers what the record holds now: the same edit again changes nothing
        List<Map<String, Object>> synced = Reports.rows(
                dataSource(),
                "SELECT l.synced_fields FROM application_link l JOIN directory_user u ON u.id = l.user_id"
                        + " WHERE u.user_name = 'lost7@example.com'");
        assertTrue(String.valueOf(synced.get(0).get("synced_fields")).contains("Renamed, Co"), synced.toString());
    }

    @Test
    @Order(6)
    void deletionsTheThresholdHeldGoAsADeleteJobOnceApproved() throws Exception {
        EmulatorClient org = EmulatorClient.defaultOrg(context);
        io.provisioning.testsupport.ApiClient api = ENV.api();
        StringBuilder csv = new StringBuilder("userName,action\n");
        for (int i = 0; i < 30; i++) {
            csv.append("slow").append(i).append("@example.com,delete\n");
        }
        dropText("leavers.csv", csv.toString());
        Await.until(
                () -> api.get("/api/applications/salesforce/held")
                        .json()
                        .path("count")
                        .asInt(),
                n -> n == 30,
                Duration.ofSeconds(60));
        assertEquals(
                30,
                org.query("SELECT COUNT() FROM Lead WHERE Email LIKE 'slow%'")
                        .path("totalSize")
                        .asInt(),
                "held: nothing deleted yet");
        int composite = org.calls().path("byOperation").path("composite").asInt();

        assertEquals(200, api.post("/api/applications/salesforce/held/approve").status());
        Path result = INBOX.resolve("done").resolve("leavers.csv.result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(120));

        JsonNode job = jobOf(org, "delete");
        assertEquals(30, job.path("numberRecordsProcessed").asInt(), job.toString());
        assertEquals(
                composite, org.calls().path("byOperation").path("composite").asInt(), "no collections");
        assertEquals(
                0,
                org.query("SELECT COUNT() FROM Lead WHERE Email LIKE 'slow%'")
                        .path("totalSize")
                        .asInt());
        assertEquals(
                30,
                Reports.rows(
                                dataSource(),
                                "SELECT l.state FROM application_link l JOIN directory_user u ON u.id = l.user_id"
                                        + " WHERE u.user_name LIKE 'slow%' AND l.state = 'deleted'")
                        .size());
        assertEquals(
                30,
                Reports.rows(
                                dataSource(),
                                "SELECT id FROM provisioning_report WHERE user_identifier_key LIKE 'slow%'"
                                        + " AND operation = 'delete' AND status = 'success' AND error_code = 'BULK_API'")
                        .size());
    }

    @Test
    @Order(7)
    void abortingAFileJobAbortsItsRunningBulkJobAndRecordsWhatItApplied() throws Exception {
        EmulatorClient org = EmulatorClient.defaultOrg(context);
        io.provisioning.testsupport.ApiClient api = ENV.api();
        org.control("PUT", "/emulator/bulk", "{\"recordsPerSecond\":5}");
        try {
            drop("abort.csv", "abort", 40, -1);
            List<Map<String, Object>> running = Await.until(
                    () -> Reports.rows(
                            dataSource(),
                            "SELECT DISTINCT b.sf_job_id, f.job_id FROM bulk_ingest_job b"
                                    + " JOIN provisioning_outbox o ON o.bulk_job = b.id"
                                    + " JOIN inbound_file f ON f.job_id = o.job_id"
                                    + " WHERE b.state = 'closed' AND f.file_name = 'abort.csv'"),
                    r -> !r.isEmpty(),
                    Duration.ofSeconds(60));
            String salesforceJob = String.valueOf(running.get(0).get("sf_job_id"));
            String fileJob = String.valueOf(running.get(0).get("job_id"));

            var aborted = api.delete("/api/jobs/" + fileJob);
            assertEquals(200, aborted.status(), aborted.body());
            assertEquals("aborted", aborted.json().path("status").asText());
            assertEquals(
                    salesforceJob,
                    aborted.json().path("bulkJobsAborted").path(0).asText(),
                    aborted.body());
            assertEquals(
                    "Aborted",
                    org.getJson(JOBS + "/" + salesforceJob).path("state").asText());
            assertEquals(409, api.delete("/api/jobs/" + fileJob).status(), "an ended job is not aborted twice");

            // the job is followed to its end: what Salesforce applied before the abort is linked, the rest discarded
            Await.until(
                    () -> Reports.rows(
                            dataSource(),
                            "SELECT id FROM bulk_ingest_job WHERE sf_job_id = ? AND state IN ('done', 'failed')",
                            salesforceJob),
                    r -> !r.isEmpty(),
                    Duration.ofSeconds(60));
            int applied = org.query("SELECT COUNT() FROM Lead WHERE Email LIKE 'abort%'")
                    .path("totalSize")
                    .asInt();
            assertTrue(applied < 40, "aborted before the end: " + applied);
            List<Map<String, Object>> work = Reports.rows(
                    dataSource(),
                    "SELECT status, COUNT(*) AS n FROM provisioning_outbox WHERE job_id = ? GROUP BY status ORDER BY"
                            + " status",
                    fileJob);
            assertEquals(
                    applied == 0
                            ? List.of(Map.of("status", "discarded", "n", 40L))
                            : List.of(
                                    Map.of("status", "discarded", "n", 40L - applied),
                                    Map.of("status", "done", "n", (long) applied)),
                    work.stream()
                            .map(r -> Map.of("status", r.get("status"), "n", ((Number) r.get("n")).longValue()))
                            .toList());
            assertEquals(
                    applied,
                    Reports.rows(
                                    dataSource(),
                                    "SELECT l.state FROM application_link l JOIN directory_user u ON u.id = l.user_id"
                                            + " WHERE u.user_name LIKE 'abort%' AND l.state = 'provisioned'")
                            .size());
        } finally {
            org.control("PUT", "/emulator/bulk", "{\"recordsPerSecond\":10000}");
        }
    }

    /** The emulator's one ingest job of this operation. */
    private static JsonNode jobOf(EmulatorClient org, String operation) {
        List<JsonNode> jobs = list(org.getJson(JOBS).path("records")).stream()
                .filter(j -> operation.equals(j.path("operation").asText()))
                .toList();
        assertEquals(1, jobs.size(), jobs.toString());
        return org.getJson(JOBS + "/" + jobs.get(0).path("id").asText());
    }

    private static void drop(String name, String prefix, int users, int tooLongRow) throws Exception {
        StringBuilder csv = new StringBuilder("userName,email,firstName,lastName,company\n");
        for (int i = 0; i < users; i++) {
            String first = i == tooLongRow ? "F".repeat(50) : "First" + i; // Lead.FirstName takes 40 characters
            csv.append(prefix)
                    .append(i)
                    .append("@example.com,")
                    .append(prefix)
                    .append(i)
                    .append("@example.com,")
                    .append(first)
                    .append(",Last")
                    .append(i)
                    .append(",Acme\n");
        }
        dropText(name, csv.toString());
    }

    private static void dropText(String name, String csv) throws Exception {
        Files.createDirectories(INBOX);
        Path temp = INBOX.resolve("." + name + ".part");
        Files.writeString(temp, csv, StandardCharsets.UTF_8);
        Files.move(temp, INBOX.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
