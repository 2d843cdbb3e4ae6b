package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The foundation's end-to-end flow: a user created over HTTP lands in the directory and, through the real
 * camel-salesforce component and the emulator, as a Lead in Salesforce, with a report row for every attempt.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateUserProvisioningTest {

    private static final TestEnvironment ENV =
            TestEnvironment.create("create-user").asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    void createdUserBecomesALeadWithItsMappedFieldsAndAReportRow() {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        "ada.lovelace@example.com",
                        "email",
                        "ada.lovelace@example.com",
                        "firstName",
                        "Ada",
                        "lastName",
                        "Lovelace",
                        "company",
                        "Analytical Engines",
                        "customAttributes",
                        Map.of("department", "Research"))));
        assertEquals(201, created.status(), created.body());
        JsonNode user = created.json();
        assertEquals("ada.lovelace@example.com", user.path("userName").asText());
        assertEquals(
                "Research", user.path("customAttributes").path("department").asText());
        assertEquals("pending", user.path("applications").path(0).path("state").asText());

        JsonNode provisioned = api.awaitFirstLinkState(user.path("id").asText(), "provisioned");
        JsonNode link = provisioned.path("applications").path(0);
        assertEquals("salesforce", link.path("application").asText());
        String leadId = link.path("recordId").asText();
        assertTrue(leadId.startsWith("00Q") && leadId.length() == 18, leadId);
        assertEquals("provisioned", provisioned.path("onboardingStatus").asText());

        JsonNode lead = emulator().record("Lead", leadId);
        assertEquals("Lovelace", lead.path("LastName").asText());
        assertEquals("Analytical Engines", lead.path("Company").asText());
        assertEquals("Ada", lead.path("FirstName").asText());
        assertEquals("ada.lovelace@example.com", lead.path("Email").asText());
        assertEquals("Provisioning", lead.path("LeadSource").asText());

        List<Map<String, Object>> rows = Reports.forUser(dataSource(), "ada.lovelace@example.com");
        assertEquals(1, rows.size(), rows.toString());
        Map<String, Object> row = rows.get(0);
        assertEquals("salesforce", row.get("application"));
        assertEquals("create", row.get("operation"));
        assertEquals("success", row.get("status"));
        assertEquals(leadId, row.get("record_id"));
        assertEquals("api:POST /api/users", row.get("source"));
        assertNotNull(row.get("occurred_at"));
        assertNotNull(row.get("duration_ms"));
        assertNull(row.get("error_code"));
    }

    @Test
    void twoServerErrorsAreRetriedAndTheLeadIsCreatedExactlyOnce() {
        emulator()
                .injectFault(
                        "{\"operation\":\"upsert\",\"count\":2,\"status\":503,\"errorCode\":\"SERVER_UNAVAILABLE\"}");
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        "grace.hopper@example.com",
                        "email",
                        "grace.hopper@example.com",
                        "lastName",
                        "Hopper",
                        "company",
                        "Navy")));
        assertEquals(201, created.status(), created.body());

        JsonNode provisioned = api.awaitFirstLinkState(created.json().path("id").asText(), "provisioned");
        String leadId =
                provisioned.path("applications").path(0).path("recordId").asText();

        JsonNode leads = emulator().query("SELECT Id FROM Lead WHERE Email = 'grace.hopper@example.com'");
        assertEquals(1, leads.path("totalSize").asInt(), leads.toString());
        assertEquals(leadId, leads.path("records").path(0).path("Id").asText());

        List<Map<String, Object>> rows = Reports.forUser(dataSource(), "grace.hopper@example.com");
        assertEquals(
                List.of("retrying", "retrying", "success"),
                rows.stream().map(r -> r.get("status")).toList());
        assertEquals("SERVER_UNAVAILABLE", rows.get(0).get("error_code"));
        assertEquals(
                List.of(1, 2, 3),
                rows.stream().map(r -> ((Number) r.get("attempt")).intValue()).toList());
    }

    @Test
    void aTimeoutIsRetriedWithoutLosingTheUser() {
        emulator().injectFault("{\"operation\":\"upsert\",\"count\":1,\"timeout\":true,\"millis\":8000}");
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        "alan.turing@example.com",
                        "email",
                        "alan.turing@example.com",
                        "lastName",
                        "Turing",
                        "company",
                        "Bletchley")));
        assertEquals(201, created.status(), created.body());

        api.awaitFirstLinkState(created.json().path("id").asText(), "provisioned");
        List<Map<String, Object>> rows = Reports.forUser(dataSource(), "alan.turing@example.com");
        assertEquals(
                List.of("retrying", "success"),
                rows.stream().map(r -> r.get("status")).toList());
        assertEquals("TIMEOUT", rows.get(0).get("error_code"));
    }

    private EmulatorClient emulator() {
        return EmulatorClient.defaultOrg(context);
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
