package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14 for an org without an external-id field: an in-doubt create is looked up (one SOQL query per batch, by
 * Email + LastName, created by the integration user since the first attempt) and the record found is adopted.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactlyOnceLookupTest {

    private static final TestEnvironment ENV = TestEnvironment.create("exactly-once-lookup")
            .withQuickInbox()
            .with("provisioning.application.salesforce.external-id-field", "")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    @Test
    void aCreateWhoseAnswerIsLostLeavesOneLead() {
        scenarios().oneUserWhoseCreateAnswerIsLost("create");
    }

    @Test
    void fortyUsersWithALostCollectionAnswerLeaveFortyLeads() throws Exception {
        scenarios().fortyUsersWhoseCollectionAnswerIsLost();
    }

    @Test
    void aCreateAnswered503IsLookedUpFoundMissingAndCreatedOnce() {
        int queriesBefore = org().callCount("query");
        org().injectFault("{\"operation\":\"create\",\"count\":1,\"status\":503,\"errorCode\":\"SERVER_UNAVAILABLE\"}");
        String userId = scenarios().createOverHttp("refused.once@example.com", "Refused");
        JsonNode user = api().awaitFirstLinkState(userId, "provisioned");
        assertEquals(queriesBefore + 1, org().callCount("query"), "one lookup before the second attempt");

        JsonNode leads = org().query("SELECT Id, LastName, Company FROM Lead WHERE Email = 'refused.once@example.com'");
        assertEquals(1, leads.path("totalSize").asInt(), leads.toString());
        assertEquals(
                "Refused",
                leads.path("records").path(0).path("LastName").asText(),
                "the planned record, not the query's answer");
        assertEquals(
                user.path("applications").path(0).path("recordId").asText(),
                leads.path("records").path(0).path("Id").asText());
        List<Map<String, Object>> rows = rows("refused.once@example.com", 2);
        assertEquals(
                List.of("retrying", "success"),
                rows.stream().map(r -> r.get("status")).toList(),
                rows.toString());
        assertEquals(null, rows.get(1).get("error_code"), "nothing to adopt: created by the second attempt");
    }

    @Test
    void aFailingLookupIsRetriedAndNeverCreatesBlindly() {
        int createsBefore = org().callCount("create");
        org().injectFault(String.format(ExactlyOnceScenarios.LOST_AFTER_APPLY, "create", 100));
        org().injectFault("{\"operation\":\"query\",\"count\":2,\"status\":503,\"errorCode\":\"SERVER_UNAVAILABLE\"}");
        String userId = scenarios().createOverHttp("lookup.fails@example.com", "Fails");
        JsonNode user = api().awaitFirstLinkState(userId, "provisioned");

        assertEquals(
                1,
                org().query("SELECT COUNT() FROM Lead WHERE Email = 'lookup.fails@example.com'")
                        .path("totalSize")
                        .asInt());
        assertEquals(
                createsBefore + 1,
                org().callCount("create"),
                "the create was sent once: the failed lookups never sent it again");
        List<Map<String, Object>> rows = rows("lookup.fails@example.com", 4);
        assertEquals(
                List.of("retrying", "retrying", "retrying", "success"),
                rows.stream().map(r -> r.get("status")).toList(),
                rows.toString());
        assertEquals("SERVER_UNAVAILABLE", rows.get(1).get("error_code"));
        assertEquals("ADOPTED", rows.get(3).get("error_code"));
        assertEquals(
                user.path("applications").path(0).path("recordId").asText(),
                rows.get(3).get("record_id"));
    }

    @Test
    void twoCandidatesFailTheItemWithAmbiguousMatchAndCreateNothing() {
        // the create is applied, then the line hangs: meanwhile someone with the integration user's login adds a twin
        org().injectFault(String.format(ExactlyOnceScenarios.LOST_AFTER_APPLY, "create", 1500));
        String userId = scenarios().createOverHttp("twin@example.com", "Twin");
        Await.until(
                () -> org().query("SELECT COUNT() FROM Lead WHERE Email = 'twin@example.com'")
                        .path("totalSize")
                        .asInt(),
                n -> n == 1,
                Duration.ofSeconds(10));
        // someone saves a second Lead for the same person in Salesforce, past the duplicate rule's alert
        String twin = org().createDuplicate(
                        "Lead", "{\"LastName\":\"Twin\",\"Company\":\"Elsewhere\",\"Email\":\"twin@example.com\"}");

        JsonNode user = api().awaitFirstLinkState(userId, "failed");
        JsonNode link = user.path("applications").path(0);
        assertEquals("AMBIGUOUS_MATCH", link.path("error").path("code").asText(), user.toString());
        assertTrue(link.path("error").path("message").asText().contains(twin), "names the candidates: " + link);
        assertEquals(
                2,
                org().query("SELECT COUNT() FROM Lead WHERE Email = 'twin@example.com'")
                        .path("totalSize")
                        .asInt(),
                "nothing created");
        List<Map<String, Object>> rows = Await.until(
                () -> Reports.forUser(dataSource(), "twin@example.com"),
                r -> !r.isEmpty() && "failure".equals(r.get(r.size() - 1).get("status")),
                Duration.ofSeconds(10));
        assertEquals("failure", rows.get(rows.size() - 1).get("status"));
        assertEquals("AMBIGUOUS_MATCH", rows.get(rows.size() - 1).get("error_code"));
    }

    /** The user's report rows, once the first {@code count} are written (they follow the link's state). */
    private List<Map<String, Object>> rows(String identifier, int count) {
        return Await.until(
                () -> Reports.forUser(dataSource(), identifier), r -> r.size() >= count, Duration.ofSeconds(10));
    }

    private ExactlyOnceScenarios scenarios() {
        return new ExactlyOnceScenarios(api(), org(), dataSource(), ENV.inbox(), "ADOPTED");
    }

    private io.provisioning.testsupport.ApiClient api() {
        return ENV.api();
    }

    private EmulatorClient org() {
        return EmulatorClient.defaultOrg(context);
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
