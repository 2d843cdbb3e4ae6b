package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.emulator.ConnectedApp;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Import from Salesforce (paged, matched case-insensitively, idempotent) and "Verify Credentials", including an
 * application with a wrong password that must not hammer the login endpoint.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportAndVerifyTest {

    private static final int ORG_PORT = TestEnvironment.freePort();
    private static final TestEnvironment ENV = TestEnvironment.create("import-verify")
            .with("provisioning.applications", "salesforce,salesforce-users,salesforce-noimport,salesforce-bad")
            .with("provisioning.salesforce.emulator.port", String.valueOf(ORG_PORT))
            // imported users must not be provisioned back, so the org's Leads stay the only ones
            .with("provisioning.application.salesforce.features.create", "false")
            .with("provisioning.application.salesforce-users.features.create", "false")
            .with("provisioning.application.salesforce-noimport.mapping", "config/mappings/salesforce.yaml")
            .with("provisioning.application.salesforce-noimport.login-url", "emulator")
            .with("provisioning.application.salesforce-noimport.features.import", "false")
            .with("provisioning.application.salesforce-noimport.features.create", "false")
            .with("provisioning.application.salesforce-bad.mapping", "config/mappings/salesforce.yaml")
            .with("provisioning.application.salesforce-bad.login-url", "http://127.0.0.1:" + ORG_PORT)
            .with("provisioning.application.salesforce-bad.username", "integration@emulator.local")
            .with("provisioning.application.salesforce-bad.password", "not-the-password")
            .with("provisioning.application.salesforce-bad.authentication-type", "USERNAME_PASSWORD")
            .with("provisioning.application.salesforce-bad.client-id", ConnectedApp.DEFAULT_CLIENT_ID)
            .with("provisioning.application.salesforce-bad.client-secret", ConnectedApp.DEFAULT_CLIENT_SECRET)
            .with("provisioning.application.salesforce-bad.features.create", "true")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    void importsEveryPageOnceAndARerunChangesNothing() {
        EmulatorClient org = org("salesforce");
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 2100; i++) {
            leads.add(
                    Map.of("LastName", "Imported" + i, "Company", "Acme", "Email", "lead" + i + "@import.example.com"));
        }
        leads.add(Map.of(
                "LastName", "Mixed", "FirstName", "Case", "Company", "Acme", "Email", "MiXeD.Case@Import.Example.com"));
        List<String> ids = org.createMany("Lead", leads);
        // a directory user that the import must match by e-mail, whatever its case
        ApiClient.Response existing = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        "mixed.case",
                        "email",
                        "mixed.case@import.example.com",
                        "lastName",
                        "Mixed",
                        "company",
                        "Acme")));
        assertEquals(201, existing.status(), existing.body());

        JsonNode first = runImport("salesforce");
        assertEquals("completed", first.path("status").asText(), first.toString());
        assertEquals(2101, first.path("read").asInt());
        assertEquals(2100, first.path("created").asInt());
        assertEquals(1, first.path("updated").asInt(), "the existing user is linked and gets the record's first name");
        assertEquals(0, first.path("failed").asInt());

        JsonNode mixed =
                api.get("/api/users/" + existing.json().path("id").asText()).json();
        assertEquals("Case", mixed.path("firstName").asText());
        assertEquals(
                ids.get(2100),
                mixed.path("applications").path(0).path("recordId").asText());
        assertEquals(
                1,
                Reports.rows(
                                dataSource(),
                                "SELECT id FROM directory_user WHERE email_key = ?",
                                "lead7@import.example.com")
                        .size());

        JsonNode second = runImport("salesforce");
        assertEquals(2101, second.path("unchanged").asInt(), second.toString());
        assertEquals(0, second.path("created").asInt() + second.path("updated").asInt());

        assertEquals(204, org.update("Lead", ids.get(5), "{\"LastName\":\"Renamed\"}"));
        JsonNode third = runImport("salesforce");
        assertEquals(1, third.path("updated").asInt(), third.toString());
        Map<String, Object> row = Reports.rows(
                        dataSource(),
                        "SELECT * FROM provisioning_report WHERE user_identifier = ?"
                                + " AND operation = 'import' ORDER BY id DESC",
                        "lead5@import.example.com")
                .get(0);
        assertEquals("success", row.get("status"));
        assertEquals(ids.get(5), row.get("record_id"));
    }

    @Test
    void importsSalesforceUsersWithTheirActiveFlag() {
        EmulatorClient org = org("salesforce-users");
        String profile = org.profileId("Standard User");
        String active = org.create("User", user("active.sf@example.com", "Active", profile));
        String inactive = org.create("User", user("inactive.sf@example.com", "Inactive", profile));
        assertEquals(204, org.update("User", inactive, "{\"IsActive\":false}"));

        JsonNode job = runImport("salesforce-users");
        assertEquals("completed", job.path("status").asText(), job.toString());
        assertTrue(job.path("created").asInt() >= 2, job.toString());
        List<Map<String, Object>> users = Reports.rows(
                dataSource(),
                "SELECT user_name, active FROM directory_user WHERE user_name_key IN (?, ?) ORDER BY user_name",
                "active.sf@example.com",
                "inactive.sf@example.com");
        assertEquals(
                List.of(
                        Map.of("user_name", "active.sf@example.com", "active", true),
                        Map.of("user_name", "inactive.sf@example.com", "active", false)),
                users,
                () -> job + " "
                        + Reports.rows(
                                dataSource(),
                                "SELECT user_name, email, active FROM directory_user"
                                        + " WHERE email_key LIKE '%sf@%' OR user_name_key LIKE '%sf@%'"));
        assertFalse(active.isEmpty());
        // not people: the org's Automated Process user (UserType filter) and the integration user the bundle runs as
        assertEquals(
                List.of(),
                Reports.rows(
                        dataSource(),
                        "SELECT user_name FROM directory_user WHERE user_name_key"
                                + " LIKE 'autoproc@%' OR user_name_key = 'integration@emulator.local'"),
                job::toString);
    }

    @Test
    void aSwitchedOffImportIsSkippedWithoutACall() {
        JsonNode job = runImport("salesforce-noimport");
        assertEquals("skipped", job.path("status").asText());
        assertEquals(
                "Import User is switched off for salesforce-noimport",
                job.path("error").asText());
        assertEquals(0, org("salesforce-noimport").calls().path("total").asInt());
        assertEquals(404, api.post("/api/applications/nope/import").status());
        assertEquals(404, api.get("/api/jobs/nope").status());
    }

    @Test
    void verifyReportsTheOrgAndItsApiUsage() throws Exception {
        ApiClient.Response response = api.post("/api/applications/salesforce/verify");
        assertEquals(200, response.status(), response.body());
        JsonNode answer = response.json();
        assertTrue(answer.path("verified").asBoolean(), answer.toString());
        assertTrue(
                answer.path("orgId").asText().startsWith("00D")
                        && answer.path("orgId").asText().length() == 18,
                answer.toString());
        assertTrue(answer.path("apiUsage").path("max").asLong() > 0);
        assertTrue(answer.path("fieldsWritable").asBoolean(), answer.toString());
        assertEquals(
                "success",
                Reports.rows(
                                dataSource(),
                                "SELECT status FROM provisioning_report WHERE user_identifier = ?"
                                        + " AND operation = 'verify'",
                                "application:salesforce")
                        .get(0)
                        .get("status"));

        // the org's field-level security, as the integration user sees it in the describe, with the mapping's line
        org("salesforce").restrictFields("Lead", "{\"Company\":\"READ\",\"FirstName\":\"NONE\"}");
        try {
            JsonNode restricted =
                    api.post("/api/applications/salesforce/verify").json();
            assertTrue(restricted.path("verified").asBoolean(), restricted.toString());
            assertFalse(restricted.path("fieldsWritable").asBoolean(), restricted.toString());
            Map<String, JsonNode> fields = new java.util.HashMap<>();
            restricted.path("fields").forEach(f -> fields.put(f.path("field").asText(), f));
            List<String> mappingLines =
                    java.nio.file.Files.readAllLines(java.nio.file.Path.of("config/mappings/salesforce.yaml"));
            int companyLine = 1
                    + java.util.stream.IntStream.range(0, mappingLines.size())
                            .filter(i -> mappingLines.get(i).startsWith("  Company:"))
                            .findFirst()
                            .orElseThrow();
            assertTrue(
                    fields.get("Company").path("mapping").asText().endsWith("salesforce.yaml:" + companyLine),
                    restricted.toString());
            assertTrue(fields.get("Company").path("detail").asText().startsWith("read-only"), restricted.toString());
            assertTrue(
                    fields.get("FirstName").path("detail").asText().startsWith("unknown to the org"),
                    restricted.toString());
            assertTrue(fields.get("Email").path("ok").asBoolean(), restricted.toString());
        } finally {
            org("salesforce").restrictFields("Lead", null);
        }
    }

    @Test
    void wrongCredentialsAreExplainedAndDoNotHammerTheLoginEndpoint() throws Exception {
        ApiClient.Response response = api.post("/api/applications/salesforce-bad/verify");
        assertEquals(200, response.status(), response.body());
        JsonNode answer = response.json();
        assertFalse(answer.path("verified").asBoolean());
        assertEquals("invalid_grant", answer.path("error").asText(), answer.toString());
        assertTrue(answer.path("hint").asText().contains("password"), answer.toString());

        int tokenCallsBefore = org("salesforce").callCount("token");
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        "held.back@example.com",
                        "email",
                        "held.back@example.com",
                        "lastName",
                        "Held",
                        "company",
                        "Acme")));
        assertEquals(201, created.status());
        List<Map<String, Object>> rows = Await.until(
                () -> Reports.rows(
                        dataSource(),
                        "SELECT status, error_code, error_message FROM provisioning_report"
                                + " WHERE user_identifier = ? AND application = ?",
                        "held.back@example.com",
                        "salesforce-bad"),
                r -> !r.isEmpty(),
                Duration.ofSeconds(20));
        Thread.sleep(1500);
        assertEquals("retrying", rows.get(0).get("status"));
        assertEquals("LOGIN_FAILED", rows.get(0).get("error_code"));
        // the waiting work names the refused login and its likely cause (ObserveHealthTest: the health check too)
        String waiting = (String) rows.get(0).get("error_message");
        assertTrue(waiting.contains("invalid_grant") && waiting.contains("Likely cause"), waiting);
        assertEquals(
                tokenCallsBefore,
                org("salesforce").callCount("token"),
                "after a failed login the application waits instead of logging in again");
    }

    private JsonNode runImport(String application) {
        ApiClient.Response started = api.post("/api/applications/" + application + "/import");
        assertEquals(202, started.status(), started.body());
        String jobId = started.json().path("id").asText();
        return Await.until(
                () -> api.get("/api/jobs/" + jobId).json(),
                job -> !"running".equals(job.path("status").asText()),
                Duration.ofSeconds(60));
    }

    private static String user(String userName, String lastName, String profileId) {
        return "{\"Username\":\"" + userName + "\",\"Email\":\"" + userName + "\",\"Alias\":\"x\",\"LastName\":\""
                + lastName + "\",\"ProfileId\":\"" + profileId + "\",\"TimeZoneSidKey\":\"America/Los_Angeles\","
                + "\"LocaleSidKey\":\"en_US\",\"EmailEncodingKey\":\"UTF-8\",\"LanguageLocaleKey\":\"en_US\"}";
    }

    private EmulatorClient org(String application) {
        return EmulatorClient.defaultOrg(context.getRegistry()
                .lookupByNameAndType("salesforceEmulator-" + application, SalesforceEmulator.class)
                .baseUrl());
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
