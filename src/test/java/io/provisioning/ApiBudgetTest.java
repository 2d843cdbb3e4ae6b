package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Inbox;
import io.provisioning.testsupport.OrgSafety;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 17, API budget: the org's daily API requests run out in the middle of a file (the reserve reached, or
 * REQUEST_LIMIT_EXCEEDED): the application pauses, nothing fails, and it resumes by itself on a new day.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiBudgetTest {

    private static final String APP = "salesforce";
    private static final int CONCURRENCY = 2;
    private static final TestEnvironment ENV = TestEnvironment.create("api-budget")
            .withQuickInbox()
            .with("provisioning.application.salesforce.api-budget.reserve-percent", "25")
            .with("provisioning.application.salesforce.api-budget.recheck-interval-ms", "500")
            .with("provisioning.api-budget.poll-interval-ms", "200")
            .with("provisioning.outbox.concurrency", String.valueOf(CONCURRENCY))
            .with("provisioning.salesforce.request-timeout-ms", "60000")
            .with("provisioning.inbox.result-check-interval-ms", "300")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @BeforeEach
    void aNewDay() {
        org().control("PUT", "/emulator/limits", "{\"DailyApiRequests\":{\"Max\":15000}}");
        org().control("POST", "/emulator/limits/reset", "{}");
        safety().awaitState(APP, "running", Duration.ofSeconds(30));
        Await.until(() -> safety().outbox(APP, "pending"), n -> n == 0, Duration.ofSeconds(300));
    }

    @Test
    void theQuotaReachedInTheMiddleOfAFilePausesAndANewDayFinishesIt() throws Exception {
        int rows = 5_000;
        int max = 20;
        int reserve = max * 25 / 100;
        org().control("PUT", "/emulator/limits", "{\"DailyApiRequests\":{\"Max\":" + max + "}}");
        org().control("POST", "/emulator/limits/reset", "{}");
        long writesBefore = org().callCount("composite");
        StringBuilder csv = new StringBuilder("userName,email,lastName,company\n");
        for (int i = 0; i < rows; i++) {
            csv.append("quota")
                    .append(i)
                    .append("@budget.example.com,quota")
                    .append(i)
                    .append("@budget.example.com,Quota,Acme\n");
        }
        Inbox.drop(ENV.inbox(), "quota.csv", csv.toString());

        JsonNode paused = safety().awaitState(APP, "paused", Duration.ofSeconds(120));
        assertTrue(paused.path("stateReason").asText().contains("reserve"), paused.toString());
        assertTrue(paused.has("budgetCheckAt"), paused.toString());
        // a budget check may find a call or two above the reserve and let it go out: it settles at the reserve
        Await.until(
                () -> org().limits().path("DailyApiRequests").path("Remaining").asInt(),
                left -> left <= reserve,
                Duration.ofSeconds(60));
        paused = safety().awaitState(APP, "paused", Duration.ofSeconds(30));
        // the work left waits: pending, never failed
        Await.until(() -> safety().outbox(APP, "pending"), n -> n > 0, Duration.ofSeconds(30));
        long writes = org().callCount("composite") - writesBefore;
        assertTrue(
                writes <= max - reserve + CONCURRENCY,
                "stopped before eating the reserve (at most the calls in flight): " + writes + " writes");
        assertEquals(0, safety().outbox(APP, "failed"));
        assertEquals(0, safety().reportRows(APP, "failure"));
        assertTrue(safety().reportRows(APP, "paused") >= 1, "a paused row in the report");
        assertTrue(
                safety().reportCsv(APP, "paused").stream().anyMatch(r -> r.contains("API_BUDGET_RESERVE")),
                "the pause in the report's CSV");
        JsonNode health = api.getWithoutToken("/observe/health").json();
        assertEquals(
                "paused", health.path("applications").path(APP).path("state").asText(), health.toString());
        // read from the database when scraped, cached a few seconds
        Await.until(
                () -> api.getWithoutToken("/observe/metrics").body(),
                m -> m.contains("provisioning_application_state{application=\"salesforce\",state=\"paused\"} 1.0"),
                Duration.ofSeconds(30));
        String jobId =
                (String) Reports.rows(dataSource(), "SELECT job_id FROM inbound_file WHERE file_name = ?", "quota.csv")
                        .get(0)
                        .get("job_id");
        JsonNode job = api.get("/api/jobs/" + jobId).json();
        assertEquals(APP, job.path("waitingFor").path(0).path("application").asText(), job.toString());

        // a new day: the budget check sees requests left and the application resumes by itself
        org().control("PUT", "/emulator/limits", "{\"DailyApiRequests\":{\"Max\":15000}}");
        org().control("POST", "/emulator/limits/reset", "{}");
        safety().awaitState(APP, "running", Duration.ofSeconds(60));
        Path result = ENV.inbox().resolve("done").resolve("quota.csv.result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(300));
        List<CSVRecord> records;
        try (Reader reader = Files.newBufferedReader(result)) {
            records = CSVFormat.RFC4180.parse(reader).getRecords();
        }
        assertEquals(rows + 1, records.size());
        assertTrue(
                records.stream().skip(1).allMatch(r -> r.get(5).equals("salesforce: provisioned")),
                "every row provisioned");
        assertEquals(0, safety().outbox(APP, "failed"));
        assertEquals(0, safety().reportRows(APP, "failure"));
        assertTrue(
                Reports.rows(dataSource(), "SELECT id FROM provisioning_report WHERE operation = 'resume'")
                                .size()
                        >= 1,
                "the resume is reported");
    }

    @Test
    void requestLimitExceededPausesInsteadOfFailingAfterRetries() {
        // more refusals than the retry policy's 6 attempts: before issue 17 the user failed for good
        org().injectFault(
                        "{\"operation\":\"any\",\"count\":9,\"status\":403,\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}");
        String id = safety().createUser("limit@budget.example.com");
        safety().awaitState(APP, "paused", Duration.ofSeconds(30));
        api.awaitFirstLinkState(id, "provisioned");
        List<Map<String, Object>> rows = Reports.forUser(dataSource(), "limit@budget.example.com");
        assertTrue(rows.stream().noneMatch(r -> "failure".equals(r.get("status"))), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> "paused".equals(r.get("status"))), rows.toString());
        safety().awaitState(APP, "running", Duration.ofSeconds(30));
    }

    private OrgSafety safety() {
        return new OrgSafety(api, dataSource());
    }

    private EmulatorClient org() {
        return EmulatorClient.defaultOrg(context);
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
