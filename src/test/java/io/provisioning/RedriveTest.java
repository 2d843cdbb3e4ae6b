package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Inbox;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 17 item 5: work failed for good by injected permanent errors is put back in the queue by
 * {@code POST /api/applications/{app}/retry-failed}; each retried item's report row names the failure row before it,
 * and a bulk file's failed rows are re-driven by its job id, its result file written again.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedriveTest {

    private static final String VALIDATION_FAULT = "{\"operation\":\"%s\",\"count\":%d,\"status\":400,"
            + "\"errorCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",\"message\":\"Blocked by a validation rule\"}";

    private static final TestEnvironment ENV = TestEnvironment.create("redrive")
            .withQuickInbox()
            .with("provisioning.outbox.collection-fill-wait-ms", "300")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    void aPermanentlyFailedCreateIsRedrivenAndItsNewRowNamesTheFailure() {
        org().injectFault(VALIDATION_FAULT.formatted("upsert", 1));
        String id = create("ada.redrive@example.com");
        JsonNode failed = api.awaitFirstLinkState(id, "failed");
        assertEquals(
                "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                failed.path("applications").path(0).path("error").path("code").asText());
        long failureRow = lastRow("ada.redrive@example.com", "failure");

        ApiClient.Response none = api.post("/api/applications/salesforce/retry-failed?errorCode=DUPLICATE_VALUE");
        assertEquals(200, none.status(), none.body());
        assertEquals(0, none.json().path("redriven").asInt(), "the filter matches no failure");

        ApiClient.Response redriven =
                api.post("/api/applications/salesforce/retry-failed?errorCode=FIELD_CUSTOM_VALIDATION_EXCEPTION&from="
                        + java.time.Instant.now().minus(Duration.ofHours(1)));
        assertEquals(202, redriven.status(), redriven.body());
        assertEquals(1, redriven.json().path("redriven").asInt(), redriven.body());
        assertEquals(
                failureRow,
                redriven.json().path("items").path(0).path("retryOf").asLong());

        JsonNode provisioned = api.awaitFirstLinkState(id, "provisioned");
        String leadId =
                provisioned.path("applications").path(0).path("recordId").asText();
        assertEquals("Redrive", org().record("Lead", leadId).path("LastName").asText());
        Map<String, Object> success = Reports.rows(
                        dataSource(),
                        "SELECT id, retry_of FROM provisioning_report WHERE user_identifier = ? AND status = 'success'",
                        "ada.redrive@example.com")
                .get(0);
        assertEquals(failureRow, ((Number) success.get("retry_of")).longValue(), "the new row names the failure");
        JsonNode apiRow = api.get("/api/reports?identifier=ada.redrive@example.com&status=success")
                .json()
                .path("rows")
                .path(0);
        assertEquals(failureRow, apiRow.path("retryOf").asLong(), apiRow.toString());

        ApiClient.Response again =
                api.post("/api/applications/salesforce/retry-failed?errorCode=FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertEquals(0, again.json().path("redriven").asInt(), "nothing failed any more: " + again.body());
    }

    @Test
    void aBulkFilesFailedRowsAreRedrivenByJobIdAndItsResultFileIsWrittenAgain() throws Exception {
        org().injectFault(VALIDATION_FAULT.formatted("composite", 1));
        StringBuilder csv = new StringBuilder("userName,email,lastName,company\n");
        for (int i = 1; i <= 5; i++) {
            csv.append("row")
                    .append(i)
                    .append(".redrive@example.com,row")
                    .append(i)
                    .append(".redrive@example.com,Row")
                    .append(i)
                    .append(",Acme\n");
        }
        Inbox.drop(ENV.inbox(), "redrive.csv", csv.toString());
        String jobId = Await.until(
                        () -> Reports.rows(
                                dataSource(),
                                "SELECT job_id, status FROM inbound_file WHERE file_name = ?",
                                "redrive.csv"),
                        rows -> !rows.isEmpty()
                                && "completed".equals(rows.get(0).get("status")),
                        Duration.ofSeconds(60))
                .get(0)
                .get("job_id")
                .toString();
        JsonNode job = api.get("/api/jobs/" + jobId).json();
        assertEquals(5, job.path("provisioningFailed").asInt(), job.toString());
        Path result = ENV.inbox().resolve("done").resolve("redrive.csv.result.csv");
        // a refused collection call fails each of its records with the call's status
        assertTrue(Files.readString(result).contains("salesforce: failed"), Files.readString(result));

        assertEquals(404, api.post("/api/applications/nowhere/retry-failed").status());
        assertEquals(
                400,
                api.post("/api/applications/salesforce/retry-failed?from=yesterday")
                        .status());
        ApiClient.Response redriven = api.post("/api/applications/salesforce/retry-failed?jobId=" + jobId);
        assertEquals(202, redriven.status(), redriven.body());
        assertEquals(5, redriven.json().path("redriven").asInt(), redriven.body());

        JsonNode done = Await.until(
                () -> api.get("/api/jobs/" + jobId).json(),
                j -> "completed".equals(j.path("status").asText())
                        && j.path("provisioned").asInt() == 5,
                Duration.ofSeconds(60));
        assertEquals(0, done.path("provisioningFailed").asInt(), done.toString());
        String rewritten = Await.until(
                () -> read(result),
                text -> !text.contains("FIELD_CUSTOM_VALIDATION_EXCEPTION"),
                Duration.ofSeconds(30));
        assertTrue(rewritten.contains("salesforce: provisioned"), rewritten);
        List<Map<String, Object>> retried = Reports.rows(
                dataSource(),
                "SELECT s.retry_of, f.status AS before FROM provisioning_report s JOIN provisioning_report f"
                        + " ON f.id = s.retry_of WHERE s.user_identifier LIKE 'row%.redrive@example.com'"
                        + " AND s.status = 'success'");
        assertEquals(5, retried.size(), retried.toString());
        retried.forEach(r -> assertEquals("failure", r.get("before")));
        assertNotNull(retried.get(0).get("retry_of"));
    }

    private String create(String userName) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(
                        Map.of("userName", userName, "email", userName, "lastName", "Redrive", "company", "Acme")));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private long lastRow(String identifier, String status) {
        List<Map<String, Object>> rows = Await.until(
                () -> Reports.rows(
                        dataSource(),
                        "SELECT id FROM provisioning_report WHERE user_identifier = ? AND status = ? ORDER BY id",
                        identifier,
                        status),
                r -> !r.isEmpty(),
                Duration.ofSeconds(30));
        return ((Number) rows.get(rows.size() - 1).get("id")).longValue();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private EmulatorClient org() {
        return EmulatorClient.forApplication(context, "salesforce");
    }

    private DataSource dataSource() {
        return Reports.dataSource(context);
    }
}
