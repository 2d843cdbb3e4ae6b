package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Inbox;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 17 item 4: a dry run on every writing verb of {@code /api/users} and a plan file of 1,000 rows answer what
 * would be sent, and neither writes the directory nor calls Salesforce (the emulator's call counts prove it).
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DryRunTest {

    private static final TestEnvironment ENV =
            TestEnvironment.create("dry-run").withQuickInbox().asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    void everyWritingVerbAnswersItsPlanAndWritesNothing() {
        String id = create("ada.plan@example.com", "Ada", "Lovelace");
        String leadId = api.awaitProvisionedRecordId(id);
        long usersBefore = count("SELECT COUNT(*) AS n FROM directory_user");
        long outboxBefore = count("SELECT COUNT(*) AS n FROM provisioning_outbox");
        int callsBefore = org().calls().path("total").asInt();

        ApiClient.Response patch =
                api.patch("/api/users/" + id + "?dryRun=true", "{\"lastName\":\"Byron\",\"company\":\"Engines\"}");
        assertEquals(200, patch.status(), patch.body());
        JsonNode step = patch.json().path("plan").path(0);
        assertEquals(200, patch.json().path("wouldAnswer").asInt());
        assertEquals("update", step.path("action").asText(), patch.body());
        assertEquals(
                "LastName Lovelace Byron",
                step.path("changes").path(0).path("field").asText() + " "
                        + step.path("changes").path(0).path("from").asText() + " "
                        + step.path("changes").path(0).path("to").asText());
        assertEquals("Company", step.path("changes").path(1).path("field").asText());
        assertEquals(2, step.path("changes").size(), "only the changed fields");

        ApiClient.Response put = api.put(
                "/api/users/" + id + "?dryRun=true",
                "{\"userName\":\"ada.plan@example.com\",\"email\":\"ada.plan@example.com\",\"firstName\":\"Ada\","
                        + "\"lastName\":\"Lovelace\",\"company\":\"Acme\"}");
        assertEquals(200, put.status(), put.body());
        assertEquals("skip", put.json().path("plan").path(0).path("action").asText(), put.body());
        assertEquals(0, put.json().path("writes").asInt());

        ApiClient.Response delete = api.delete("/api/users/" + id + "?dryRun=true");
        assertEquals(200, delete.status(), delete.body());
        assertEquals(202, delete.json().path("wouldAnswer").asInt());
        assertEquals("delete", delete.json().path("plan").path(0).path("action").asText());
        assertEquals(leadId, delete.json().path("plan").path(0).path("recordId").asText());

        ApiClient.Response post = api.post(
                "/api/users?dryRun=true",
                "{\"userName\":\"new.plan@example.com\",\"email\":\"new.plan@example.com\",\"lastName\":\"New\","
                        + "\"company\":\"Acme\"}");
        assertEquals(200, post.status(), post.body());
        assertEquals(201, post.json().path("wouldAnswer").asInt());
        JsonNode create = post.json().path("plan").path(0);
        assertEquals("upsert", create.path("action").asText(), "the default application upserts on its external id");
        assertEquals("New", create.path("fields").path("LastName").asText());
        assertEquals("Provisioning", create.path("fields").path("LeadSource").asText(), "create-only rules apply");

        ApiClient.Response invalid =
                api.post("/api/users?dryRun=true", "{\"userName\":\"bad.plan@example.com\",\"email\":\"x\"}");
        assertEquals(200, invalid.status(), invalid.body());
        assertEquals(400, invalid.json().path("wouldAnswer").asInt());
        assertEquals(
                "invalid", invalid.json().path("plan").path(0).path("action").asText());
        assertTrue(invalid.json().path("plan").path(0).path("reason").asText().contains("lastName"), invalid.body());

        ApiClient.Response duplicate = api.post(
                "/api/users?dryRun=TRUE",
                "{\"userName\":\"ADA.plan@example.com\",\"email\":\"a@example.com\",\"lastName\":\"L\","
                        + "\"company\":\"Acme\"}");
        assertEquals(409, duplicate.json().path("wouldAnswer").asInt(), duplicate.body());
        ApiClient.Response invalidPatch = api.patch("/api/users/" + id + "?dryRun=true", "{\"email\":\"not-mail\"}");
        assertEquals(400, invalidPatch.json().path("wouldAnswer").asInt(), invalidPatch.body());
        assertEquals(404, api.patch("/api/users/no-such-user?dryRun=true", "{}").status());

        assertEquals(usersBefore, count("SELECT COUNT(*) AS n FROM directory_user"), "no user written");
        assertEquals(outboxBefore, count("SELECT COUNT(*) AS n FROM provisioning_outbox"), "no work queued");
        assertEquals(
                "Lovelace", api.get("/api/users/" + id).json().path("lastName").asText());
        assertTrue(api.get("/api/users/" + id).json().path("active").asBoolean());
        assertEquals(callsBefore, org().calls().path("total").asInt(), "Salesforce was not called");
    }

    @Test
    void aPlanFileOf1000RowsSaysWhatWouldBeSentWithoutOneCall() throws Exception {
        String id = create("existing.plan@example.com", "Grace", "Hopper");
        api.awaitProvisionedRecordId(id);
        long usersBefore = count("SELECT COUNT(*) AS n FROM directory_user");
        long outboxBefore = count("SELECT COUNT(*) AS n FROM provisioning_outbox");
        org().control("DELETE", "/emulator/calls", "{}");

        StringBuilder csv = new StringBuilder("userName,email,firstName,lastName,company,action\n");
        csv.append("existing.plan@example.com,existing.plan@example.com,Grace,Murray,Acme,upsert\n");
        csv.append("broken.plan@example.com,not-an-email,B,Broken,Acme,create\n");
        csv.append("existing.plan@example.com,,,,,delete\n");
        for (int i = 4; i <= 1000; i++) {
            csv.append("user")
                    .append(i)
                    .append(".plan@example.com,user")
                    .append(i)
                    .append(".plan@example.com,U")
                    .append(i)
                    .append(",Row")
                    .append(i)
                    .append(",Acme,create\n");
        }
        Path planFolder = ENV.inbox().resolve("plan");
        Inbox.drop(planFolder, "thousand.csv", csv.toString());

        Path result = planFolder.resolve("done").resolve("thousand.csv.plan.csv");
        Await.until(() -> Files.exists(result), ok -> ok, Duration.ofSeconds(120));
        List<CSVRecord> lines = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .build()
                .parse(new StringReader(Files.readString(result, StandardCharsets.UTF_8)))
                .getRecords();
        assertEquals(1000, lines.size(), "one line per row and application");
        assertEquals("updated", lines.get(0).get("outcome"));
        assertEquals("update", lines.get(0).get("plan"));
        assertEquals("LastName: Hopper -> Murray", lines.get(0).get("detail"));
        assertEquals("invalid", lines.get(1).get("outcome"));
        assertTrue(lines.get(1).get("detail").contains("email"), lines.get(1).toString());
        assertEquals("duplicate", lines.get(2).get("outcome"));
        assertEquals("created", lines.get(999).get("outcome"));
        assertEquals("upsert", lines.get(999).get("plan"));
        assertTrue(
                lines.get(999).get("detail").contains("LastName=Row1000"),
                lines.get(999).toString());
        // the plan is written before Camel moves the file itself to done/
        Await.until(
                () -> Files.exists(planFolder.resolve("done").resolve("thousand.csv")),
                moved -> moved,
                Duration.ofSeconds(30));

        assertEquals(0, org().calls().path("total").asInt(), "not one Salesforce call: " + org().calls());
        assertEquals(usersBefore, count("SELECT COUNT(*) AS n FROM directory_user"), "no user written");
        assertEquals(outboxBefore, count("SELECT COUNT(*) AS n FROM provisioning_outbox"), "no work queued");
        assertEquals(
                "Hopper", api.get("/api/users/" + id).json().path("lastName").asText());
    }

    @Test
    void aPlanFileWithoutTheRequiredColumnsIsRefusedWithThePlanSayingWhy() throws Exception {
        Path planFolder = ENV.inbox().resolve("plan");
        Inbox.drop(planFolder, "headless.csv", "email,company\nx@example.com,Acme\n");
        Path failed = planFolder.resolve("failed").resolve("headless.csv.plan.csv");
        Await.until(() -> Files.exists(failed), ok -> ok, Duration.ofSeconds(60));
        String plan = Files.readString(failed);
        assertTrue(plan.contains("file-failed"), plan);
        assertFalse(Files.exists(planFolder.resolve("done").resolve("headless.csv.plan.csv")));
    }

    private String create(String userName, String firstName, String lastName) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName", userName,
                        "email", userName,
                        "firstName", firstName,
                        "lastName", lastName,
                        "company", "Acme")));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private long count(String sql) {
        return ((Number) Reports.rows(dataSource(), sql).get(0).get("n")).longValue();
    }

    private EmulatorClient org() {
        return EmulatorClient.forApplication(context, "salesforce");
    }

    private DataSource dataSource() {
        return Reports.dataSource(context);
    }
}
