package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 17 item 6: a Lead changed directly in the emulator is found as {@code drift} (fields and both values) and
 * repaired; a Lead deleted there is {@code missing} and recreated; one reconcile at a time per application.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileTest {

    private static final TestEnvironment ENV = TestEnvironment.create("reconcile")
            // the schedule stays off (the default); the test below starts its route with this interval
            .with("provisioning.reconcile.schedule.interval-ms", "1000")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    void driftIsReportedThenRepairedAndADeletedLeadIsRecreated() {
        String changedUser = create("drift.ada@example.com", "Lovelace");
        String deletedUser = create("drift.grace@example.com", "Hopper");
        String untouchedUser = create("drift.alan@example.com", "Turing");
        String changedLead = api.awaitProvisionedRecordId(changedUser);
        String deletedLead = api.awaitProvisionedRecordId(deletedUser);
        api.awaitProvisionedRecordId(untouchedUser);
        // someone works in the org directly
        assertEquals(204, org().update("Lead", changedLead, "{\"LastName\":\"Changed\",\"Company\":\"Other Co\"}"));
        assertEquals(204, org().delete("Lead", deletedLead));
        int compositeBefore = org().callCount("composite");

        JsonNode report = reconcile("report");
        assertEquals(1, org().callCount("composite") - compositeBefore, "3 linked records, one retrieve call");
        assertTrue(report.path("error").asText().contains("drift 1, missing 1"), report.toString());
        Map<String, Object> drift = lastRow("drift.ada@example.com", "drift");
        assertEquals("reconcile", drift.get("operation"));
        assertEquals(changedLead, drift.get("record_id"));
        String message = drift.get("error_message").toString();
        assertTrue(message.contains("LastName: written 'Lovelace', Salesforce has 'Changed'"), message);
        assertTrue(message.contains("Company: written 'Acme', Salesforce has 'Other Co'"), message);
        Map<String, Object> missing = lastRow("drift.grace@example.com", "missing");
        assertEquals(deletedLead, missing.get("record_id"));
        assertEquals(
                "Changed", org().record("Lead", changedLead).path("LastName").asText(), "report writes nothing");
        String metrics = api.getWithoutToken("/observe/metrics").body();
        assertTrue(
                metrics.contains("provisioning_drift_records{application=\"salesforce\",state=\"drift\"} 1.0"),
                metrics.lines().filter(l -> l.contains("drift")).toList().toString());
        assertEquals(
                1,
                api.get("/api/reports?application=salesforce&status=drift")
                        .json()
                        .path("totals")
                        .path("drift")
                        .asInt());
        List<String> driftCsv =
                new io.provisioning.testsupport.OrgSafety(api, dataSource()).reportCsv("salesforce", "drift");
        assertEquals(1, driftCsv.size(), driftCsv.toString());
        assertTrue(driftCsv.get(0).contains("Salesforce has 'Changed'"), driftCsv.get(0));

        JsonNode repair = reconcile("repair");
        assertTrue(repair.path("error").asText().contains("repairs queued 2"), repair.toString());
        Await.until(
                () -> org().record("Lead", changedLead),
                lead -> "Lovelace".equals(lead.path("LastName").asText()),
                Duration.ofSeconds(60));
        assertEquals("Acme", org().record("Lead", changedLead).path("Company").asText());
        JsonNode recreated = Await.until(
                () -> api.get("/api/users/" + deletedUser).json(),
                u -> "provisioned"
                        .equals(u.path("applications").path(0).path("state").asText()),
                Duration.ofSeconds(60));
        String newLead = recreated.path("applications").path(0).path("recordId").asText();
        assertNotEquals(deletedLead, newLead, "a new Lead");
        assertEquals("Hopper", org().record("Lead", newLead).path("LastName").asText());

        JsonNode clean = reconcile("report");
        assertTrue(clean.path("error").asText().contains("drift 0, missing 0"), clean.toString());
    }

    @Test
    void oneReconcileAtATimeAndBadRequestsAreRefused() {
        api.awaitProvisionedRecordId(create("drift.slow@example.com", "Slow"));
        assertEquals(
                404, api.post("/api/applications/nowhere/reconcile?mode=report").status());
        ApiClient.Response badMode = api.post("/api/applications/salesforce/reconcile?mode=fix");
        assertEquals(400, badMode.status(), badMode.body());
        org().control("PUT", "/emulator/latency", "{\"millis\":3000}");
        try {
            ApiClient.Response first = api.post("/api/applications/salesforce/reconcile?mode=report");
            assertEquals(202, first.status(), first.body());
            ApiClient.Response second = api.post("/api/applications/salesforce/reconcile?mode=repair");
            assertEquals(409, second.status(), second.body());
            assertEquals(
                    first.json().path("id").asText(),
                    second.json().path("jobId").asText());
            awaitJob(first.json().path("id").asText());
        } finally {
            org().control("PUT", "/emulator/latency", "{\"millis\":0}");
        }
        assertEquals(
                202,
                api.post("/api/applications/salesforce/reconcile?mode=report").status(),
                "lock released");
    }

    @Test
    void theScheduleIsOffByDefaultAndReconcilesEachApplicationWhenOn() throws Exception {
        String route = "salesforce-reconcile-schedule";
        assertEquals(ServiceStatus.Stopped, context.getRouteController().getRouteStatus(route), "off by default");
        context.getRouteController().startRoute(route);
        try {
            List<Map<String, Object>> runs = Await.until(
                    () -> Reports.rows(
                            dataSource(),
                            "SELECT id, status FROM provisioning_job WHERE kind = 'reconcile' AND source = ?"
                                    + " AND application = 'salesforce' AND status <> 'running'",
                            "schedule:reconcile"),
                    r -> !r.isEmpty(),
                    Duration.ofSeconds(60));
            assertEquals("completed", runs.get(0).get("status"), runs.toString());
        } finally {
            context.getRouteController().stopRoute(route);
        }
        // a scheduled run still going would answer the other tests' reconciles with 409
        Await.until(
                () -> Reports.rows(dataSource(), "SELECT job_id FROM reconcile_run"),
                List::isEmpty,
                Duration.ofSeconds(60));
    }

    private JsonNode reconcile(String mode) {
        ApiClient.Response started = Await.until(
                () -> api.post("/api/applications/salesforce/reconcile?mode=" + mode),
                r -> r.status() != 409, // the other test's run may still be going on
                Duration.ofSeconds(60));
        assertEquals(202, started.status(), started.body());
        return awaitJob(started.json().path("id").asText());
    }

    private JsonNode awaitJob(String jobId) {
        JsonNode job = Await.until(
                () -> api.get("/api/jobs/" + jobId).json(),
                j -> !"running".equals(j.path("status").asText()),
                Duration.ofSeconds(60));
        assertEquals("completed", job.path("status").asText(), job.toString());
        return job;
    }

    private String create(String userName, String lastName) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(
                        Map.of("userName", userName, "email", userName, "lastName", lastName, "company", "Acme")));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private Map<String, Object> lastRow(String identifier, String status) {
        List<Map<String, Object>> rows = Await.until(
                () -> Reports.rows(
                        dataSource(),
                        "SELECT * FROM provisioning_report WHERE user_identifier = ? AND status = ? ORDER BY id",
                        identifier,
                        status),
                r -> !r.isEmpty(),
                Duration.ofSeconds(30));
        return rows.get(rows.size() - 1);
    }

    private EmulatorClient org() {
        return EmulatorClient.forApplication(context, "salesforce");
    }

    private DataSource dataSource() {
        return Reports.dataSource(context);
    }
}
