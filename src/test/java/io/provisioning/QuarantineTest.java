package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.OrgSafety;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Issue 17, quarantine: a storm of permanent refusals stops the application's writes (pending work waits) until
 * POST /api/applications/{app}/resume; a storm of transient failures backs off and does not count.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarantineTest {

    private static final String APP = "salesforce";
    private static final TestEnvironment ENV = TestEnvironment.create("quarantine")
            .with("provisioning.application.salesforce.quarantine.min-operations", "10")
            .with("provisioning.application.salesforce.quarantine.failure-percent", "50")
            .with("provisioning.outbox.batch-size", "4")
            .with("provisioning.outbox.concurrency", "1")
            .with("provisioning.outbox.collection-size", "1")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    @Order(1)
    void aTransientStormBacksOffAndDoesNotQuarantine() {
        org().injectFault(
                        "{\"operation\":\"upsert\",\"count\":15,\"status\":503,\"errorCode\":\"SERVER_UNAVAILABLE\"}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(safety().createUser("busy" + i + "@quarantine.example.com"));
        }
        for (String id : ids) {
            api.awaitFirstLinkState(id, "provisioned");
        }
        assertTrue(safety().reportRows(APP, "retrying") >= 10, "the refusals were retried");
        assertEquals("running", safety().application(APP).path("state").asText());
        assertEquals(0, safety().reportRows(APP, "quarantined"));
    }

    @Test
    @Order(2)
    void aStormOfPermanentFailuresQuarantinesUntilResumed() {
        assertEquals(409, api.post("/api/applications/" + APP + "/resume").status(), "running: nothing to resume");
        assertEquals(404, api.post("/api/applications/nope/resume").status());
        for (String operation : List.of("upsert", "create", "composite")) {
            org().injectFault("{\"operation\":\"" + operation + "\",\"count\":1000,\"status\":400,"
                    + "\"errorCode\":\"FIELD_INTEGRITY_EXCEPTION\",\"message\":\"Company: bad value\"}");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(safety().createUser("storm" + i + "@quarantine.example.com"));
        }
        JsonNode quarantined = safety().awaitState(APP, "quarantined", Duration.ofSeconds(60));
        assertTrue(quarantined.path("stateReason").asText().contains("failed permanently"), quarantined.toString());
        assertTrue(
                quarantined.path("sampleErrors").toString().contains("FIELD_INTEGRITY_EXCEPTION"),
                quarantined.toString());
        // the calls already in flight when it was quarantined finish; every other claim is given back
        Await.until(() -> safety().claimed(APP), n -> n == 0, Duration.ofSeconds(30));
        long failed = safety().outbox(APP, "failed");
        assertTrue(failed >= 10 && failed < 40, "writes stopped after the storm: " + failed + " failed");
        assertTrue(safety().outbox(APP, "pending") > 0, "the rest waits");
        assertEquals(1, safety().reportRows(APP, "quarantined"));
        List<String> csv = safety().reportCsv(APP, "quarantined");
        assertEquals(1, csv.size(), csv.toString());
        assertTrue(csv.get(0).contains("application:" + APP) && csv.get(0).contains("QUARANTINED"), csv.get(0));
        JsonNode health = api.getWithoutToken("/observe/health").json();
        assertEquals(
                "quarantined",
                health.path("applications").path(APP).path("state").asText(),
                health.toString());
        Await.until(
                () -> api.getWithoutToken("/observe/metrics").body(),
                m -> m.contains("provisioning_application_state{application=\"salesforce\",state=\"quarantined\"} 1.0"),
                Duration.ofSeconds(30));

        org().control("DELETE", "/emulator/faults", "{}");
        JsonNode resumed = api.post("/api/applications/" + APP + "/resume").json();
        assertEquals("running", resumed.path("state").asText(), resumed.toString());
        assertEquals("quarantined", resumed.path("was").path("state").asText(), resumed.toString());
        Await.until(() -> safety().outbox(APP, "pending"), n -> n == 0, Duration.ofSeconds(90));
        assertEquals(failed, safety().outbox(APP, "failed"), "the waiting work went out; nothing else failed");
        assertEquals("running", safety().application(APP).path("state").asText());
    }

    private OrgSafety safety() {
        return new OrgSafety(api, context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
    }

    private EmulatorClient org() {
        return EmulatorClient.defaultOrg(context);
    }
}
