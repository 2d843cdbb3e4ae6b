package io.provisioning;

import static io.provisioning.testsupport.Links.recordId;
import static io.provisioning.testsupport.Links.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * User applications whose mappings name the profile and role (each application its own emulated org): the shipped
 * mapping ("Standard User"), one naming "Chatter Free User" and the role "Western Sales Team", one with a misspelt
 * profile; and a license count that runs out.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrgReferencesTest {

    private static final Path MAPPINGS = Path.of("target/test-data/org-references-mappings");
    private static final TestEnvironment ENV = TestEnvironment.create("org-references")
            .with("provisioning.applications", "salesforce-users,sf-chatter,sf-typo")
            .with("provisioning.application.sf-chatter.sobject", "User")
            .with("provisioning.application.sf-chatter.login-url", "emulator")
            .with("provisioning.application.sf-chatter.mapping", mapping("chatter", "Chatter Free User", true))
            .with("provisioning.application.sf-typo.sobject", "User")
            .with("provisioning.application.sf-typo.login-url", "emulator")
            .with("provisioning.application.sf-typo.mapping", mapping("typo", "Standard Usr", false))
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    /** The shipped User mapping with another profile name (and a role). */
    private static String mapping(String name, String profile, boolean role) {
        try {
            String shipped = Files.readString(Path.of("config/mappings/salesforce-users.yaml"));
            String text = shipped.replace("name: Standard User", "name: " + profile);
            if (role) {
                text = text.replace("  # UserRoleId:", "  UserRoleId:");
            }
            Files.createDirectories(MAPPINGS);
            Path file = MAPPINGS.resolve(name + ".yaml").toAbsolutePath();
            Files.writeString(file, text);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void profilesAndRolesAreFoundByNameAndAnUnknownNameIsReported() {
        JsonNode user = awaitSettled(create("ada.ref@example.com", "Lovelace"));
        assertEquals("provisioned", state(user, "salesforce-users"));
        JsonNode standard = org("salesforce-users").record("User", recordId(user, "salesforce-users"));
        assertEquals(
                org("salesforce-users").profileId("Standard User"),
                standard.path("ProfileId").asText());

        assertEquals("provisioned", state(user, "sf-chatter"));
        EmulatorClient chatterOrg = org("sf-chatter");
        JsonNode chatter = chatterOrg.record("User", recordId(user, "sf-chatter"));
        assertEquals(
                chatterOrg.profileId("Chatter Free User"),
                chatter.path("ProfileId").asText());
        assertEquals(
                chatterOrg
                        .query("SELECT Id FROM UserRole WHERE Name = 'Western Sales Team'")
                        .path("records")
                        .path(0)
                        .path("Id")
                        .asText(),
                chatter.path("UserRoleId").asText());

        assertEquals("failed", state(user, "sf-typo"));
        Map<String, Object> row = row("ada.ref@example.com", "sf-typo");
        assertEquals("REFERENCE_NOT_FOUND", row.get("error_code"));
        String message = (String) row.get("error_message");
        assertTrue(message.contains("ProfileId") && message.contains("'Standard Usr'"), message);
        assertEquals(
                0,
                org("sf-typo")
                        .query("SELECT COUNT() FROM User WHERE Username = 'ada.ref@example.com'")
                        .path("totalSize")
                        .asInt(),
                "nothing was sent");
    }

    @Test
    void aUserBeyondTheLicenseCountFailsNamingTheLicense() {
        // one Salesforce license left (the integration user holds one); the Chatter Free org has plenty
        int used = org("salesforce-users")
                .query("SELECT UsedLicenses FROM UserLicense WHERE Name = 'Salesforce'")
                .path("records")
                .path(0)
                .path("UsedLicenses")
                .asInt();
        int total = used + 1;
        assertEquals(
                200,
                org("salesforce-users").control("PUT", "/emulator/licenses/Salesforce", "{\"total\":" + total + "}"));
        JsonNode first = awaitSettled(create("first.license@example.com", "First"));
        assertEquals("provisioned", state(first, "salesforce-users"));
        JsonNode second = awaitSettled(create("second.license@example.com", "Second"));
        assertEquals("failed", state(second, "salesforce-users"));
        assertEquals("provisioned", state(second, "sf-chatter"));
        Map<String, Object> row = row("second.license@example.com", "salesforce-users");
        assertEquals("LICENSE_LIMIT_EXCEEDED", row.get("error_code"));
        String message = (String) row.get("error_message");
        assertTrue(
                message.contains("'Salesforce' license (" + total + " of " + total + " used)")
                        && message.contains("'Standard User'"),
                message);
    }

    private String create(String userName, String lastName) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(
                        Map.of("userName", userName, "email", userName, "lastName", lastName, "company", "Acme")));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private JsonNode awaitSettled(String id) {
        return Await.until(
                () -> api.get("/api/users/" + id).json(),
                u -> StreamSupport.stream(u.path("applications").spliterator(), false)
                        .noneMatch(l -> "pending".equals(l.path("state").asText())),
                Duration.ofSeconds(60));
    }

    private Map<String, Object> row(String identifier, String application) {
        List<Map<String, Object>> rows = Await.until(
                () -> Reports.rows(
                        context.getRegistry().lookupByNameAndType("dataSource", DataSource.class),
                        "SELECT * FROM provisioning_report WHERE user_identifier = ? AND application = ? ORDER BY id",
                        identifier,
                        application),
                r -> !r.isEmpty(),
                Duration.ofSeconds(20));
        assertEquals(1, rows.size(), "one attempt, not retried: " + rows);
        return rows.get(0);
    }

    private EmulatorClient org(String application) {
        return EmulatorClient.defaultOrg(context.getRegistry()
                .lookupByNameAndType("salesforceEmulator-" + application, SalesforceEmulator.class)
                .baseUrl());
    }
}
