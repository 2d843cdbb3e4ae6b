package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.io.StringReader;
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
 * Issue 20 in bulk files: a file of entitlement-only updates completes with its result file, a file job's totals count
 * users (per application) rather than entitlement steps, and users written through Bulk API 2.0 ingest jobs get the
 * profile and role of their entitlements as the collections path gives them.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntitlementsFileJobTest {

    private static final String APP = "salesforce-users";
    private static final String HEADER = "userName,email,lastName,company,entitlements.salesforce-users.profile,"
            + "entitlements.salesforce-users.role,entitlements.salesforce-users.permissionSets\n";
    private static final TestEnvironment ENV = TestEnvironment.create("entitlements-files")
            .withUserApplication()
            .withQuickInbox()
            .with("provisioning.applications", APP)
            .with("provisioning.inbox.result-check-interval-ms", "300")
            .with("provisioning.outbox.initial-delay-ms", "100")
            // Bulk API 2.0 above 8 pending items of the User application (it upserts by an external id)
            .with("provisioning.application.salesforce-users.external-id-field", "Provisioning_Id__c")
            .with("provisioning.application.salesforce-users.bulk-api.threshold", "8")
            .with("provisioning.bulk-api.poll-interval-ms", "300")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    void aFileOfEntitlementOnlyUpdatesCompletesCountingUsers() throws Exception {
        List<String> users = List.of("only.ann@example.com", "only.bob@example.com");
        for (String user : users) {
            ApiClient.Response created = api.post(
                    "/api/users",
                    "{\"userName\":\"" + user + "\",\"email\":\"" + user + "\",\"lastName\":\"Only\","
                            + "\"company\":\"Acme\"}");
            assertEquals(201, created.status(), created.body());
            awaitRecordId(created.json().path("id").asText());
        }
        // and one made in the org by hand, then imported (a linked user)
        String imported = "only.cal@example.com";
        org().createMany(
                        "User",
                        List.of(Map.of(
                                "Username",
                                imported,
                                "Email",
                                imported,
                                "LastName",
                                "Cal",
                                "Alias",
                                "cal",
                                "ProfileId",
                                org().profileId("Standard User"),
                                "TimeZoneSidKey",
                                "Europe/London",
                                "LocaleSidKey",
                                "en_GB",
                                "EmailEncodingKey",
                                "UTF-8",
                                "LanguageLocaleKey",
                                "en_US")));
        String importJob = api.post("/api/applications/" + APP + "/import")
                .json()
                .path("id")
                .asText();
        Await.until(
                () -> api.get("/api/jobs/" + importJob).json().path("status").asText(),
                s -> !"running".equals(s),
                Duration.ofSeconds(60));
        // the same users, only their entitlement columns new: permission sets (an entitlement step only), and a
        // profile (an update of the User and the step)
        // (as an identity system exports them: the action, the user name and the entitlement columns only)
        String csv = "action,userName,entitlements.salesforce-users.profile,"
                + "entitlements.salesforce-users.permissionSets\n"
                + "update," + users.get(0) + ",,Sales_Ops;API_Enabled\n"
                + "update," + users.get(1) + ",Marketing User,API_Enabled\n"
                + "update," + imported + ",,Reports_Builder\n";
        List<CSVRecord> result = dropAndAwaitResult("entitlements-only.csv", csv);
        assertEquals(4, result.size(), result.toString());
        assertEquals("updated", result.get(1).get(3), result.toString());
        assertEquals("updated", result.get(2).get(3), result.toString());
        assertEquals("updated", result.get(3).get(3), result.toString());
        assertEquals(
                2,
                org().query("SELECT Id FROM PermissionSetAssignment WHERE Assignee.Username = '" + users.get(0)
                                + "' AND PermissionSet.IsOwnedByProfile = false")
                        .path("totalSize")
                        .asInt());
        assertEquals(
                org().profileId("Marketing User"),
                org().query("SELECT ProfileId FROM User WHERE Username = '" + users.get(1) + "'")
                        .path("records")
                        .path(0)
                        .path("ProfileId")
                        .asText());
        JsonNode job = job("entitlements-only.csv");
        assertEquals("completed", job.path("status").asText(), job.toString());
        assertEquals(3, job.path("updated").asInt(), job.toString());
        // three users provisioned, not their entitlement steps and the profile's update counted apart
        assertEquals(3, job.path("provisioned").asInt(), job.toString());
        assertEquals(0, job.path("provisioningFailed").asInt(), job.toString());
        // the entitlement changes are the users' own report rows
        assertEquals(
                2,
                Reports.rows(
                                dataSource(),
                                "SELECT id FROM provisioning_report WHERE user_identifier = ?"
                                        + " AND operation = 'permissionSets:add' AND status = 'success'",
                                users.get(0))
                        .size());
    }

    @Test
    void newUsersWithEntitlementsCountOnceEachAlsoWhenAStepFails() throws Exception {
        // a create and an entitlement step per user; the second user's permission set needs another license
        String csv = HEADER
                + "count.cy@example.com,count.cy@example.com,Cy,Acme,,,Sales_Ops\n"
                + "count.di@example.com,count.di@example.com,Di,Acme,,,Platform_Analytics\n";
        List<CSVRecord> result = dropAndAwaitResult("entitlements-count.csv", csv);
        assertEquals("created", result.get(1).get(3), result.toString());
        JsonNode job = job("entitlements-count.csv");
        assertEquals(2, job.path("created").asInt(), job.toString());
        assertEquals(1, job.path("provisioned").asInt(), job.toString());
        assertEquals(1, job.path("provisioningFailed").asInt(), job.toString());
        Map<String, Object> refused = Reports.rows(
                        dataSource(),
                        "SELECT status, error_code FROM provisioning_report WHERE user_identifier = ?"
                                + " AND operation = 'permissionSets:add'",
                        "count.di@example.com")
                .get(0);
        assertEquals("FIELD_INTEGRITY_EXCEPTION", refused.get("error_code"), refused.toString());
    }

    @Test
    void usersWrittenByBulkApiJobsGetTheirProfileAndRole() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 12; i++) {
            String user = "bulk.user" + i + "@example.com";
            csv.append(user)
                    .append(',')
                    .append(user)
                    .append(",Bulk")
                    .append(i)
                    .append(",Acme,")
                    .append(i % 2 == 0 ? "Marketing User" : "")
                    .append(",CEO,\n");
        }
        dropAndAwaitResult("entitlements-bulk.csv", csv.toString());
        assertEquals(
                12,
                org().query("SELECT Id FROM User WHERE Username LIKE 'bulk.user%'")
                        .path("totalSize")
                        .asInt());
        // each create's report row names the Bulk API job that wrote it
        assertEquals(
                12,
                Reports.rows(
                                dataSource(),
                                "SELECT id FROM provisioning_report WHERE operation = 'create'"
                                        + " AND error_code = 'BULK_API' AND user_identifier LIKE 'bulk.user%'")
                        .size(),
                "written by Bulk API ingest jobs");
        String marketing = org().profileId("Marketing User");
        String standard = org().profileId("Standard User");
        String ceo = org().query("SELECT Id FROM UserRole WHERE Name = 'CEO'")
                .path("records")
                .path(0)
                .path("Id")
                .asText();
        for (int i = 0; i < 12; i++) {
            JsonNode user = org().query(
                            "SELECT ProfileId, UserRoleId FROM User WHERE Username = 'bulk.user" + i + "@example.com'")
                    .path("records")
                    .path(0);
            assertEquals(
                    i % 2 == 0 ? marketing : standard, user.path("ProfileId").asText(), "user " + i);
            assertEquals(ceo, user.path("UserRoleId").asText(), "user " + i);
        }

        // then a file of entitlement-only updates for the same users, above the threshold as well: a new profile for
        // each (updates of the User, in a Bulk API job of the file) and a permission set (entitlement steps)
        StringBuilder update = new StringBuilder(
                "action,userName,entitlements.salesforce-users.profile,entitlements.salesforce-users.permissionSets\n");
        for (int i = 0; i < 12; i++) {
            update.append("update,bulk.user").append(i).append("@example.com,System Administrator,API_Enabled\n");
        }
        List<CSVRecord> updated = dropAndAwaitResult("entitlements-bulk-update.csv", update.toString());
        assertEquals(13, updated.size(), updated.toString());
        JsonNode job = job("entitlements-bulk-update.csv");
        assertEquals("completed", job.path("status").asText(), job.toString());
        assertEquals(12, job.path("provisioned").asInt(), job.toString());
        String admin = org().profileId("System Administrator");
        assertEquals(
                12,
                org().query("SELECT Id FROM User WHERE Username LIKE 'bulk.user%' AND ProfileId = '" + admin + "'")
                        .path("totalSize")
                        .asInt());
    }

    private List<CSVRecord> dropAndAwaitResult(String name, String csv) throws Exception {
        Path inbox = ENV.inbox();
        Files.createDirectories(inbox);
        Path result = inbox.resolve("done").resolve(name + ".result.csv");
        Files.deleteIfExists(result); // of an earlier run: the data directory is kept
        Path temp = inbox.resolve("." + name + ".tmp");
        Files.writeString(temp, csv);
        Files.move(temp, inbox.resolve(name));
        Await.until(() -> Files.exists(result), r -> r, Duration.ofSeconds(60));
        // row 0 is the header: row, userName, action, outcome, detail, salesforce
        return CSVFormat.RFC4180
                .parse(new StringReader(Files.readString(result)))
                .getRecords();
    }

    private JsonNode job(String fileName) {
        Object jobId = Reports.rows(dataSource(), "SELECT job_id FROM inbound_file WHERE file_name = ?", fileName)
                .get(0)
                .get("job_id");
        return api.get("/api/jobs/" + jobId).json();
    }

    private void awaitRecordId(String id) {
        Await.until(
                () -> api.get("/api/users/" + id).json().path("applications").toString(),
                a -> a.contains("\"recordId\":\"005"),
                Duration.ofSeconds(30));
    }

    private EmulatorClient org() {
        return EmulatorClient.forApplication(context, APP);
    }

    private DataSource dataSource() {
        return Reports.dataSource(context);
    }
}
