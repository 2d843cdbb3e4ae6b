package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Inbox;
import io.provisioning.testsupport.OrgSafety;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Issue 17, deletion threshold of 5 an hour: 10 deletions send 5 and hold 5 until approved; a file with more
 * deletions than the threshold holds them all before the first is sent; discarded deletions are never sent.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeletionThresholdTest {

    private static final String APP = "salesforce";
    private static final TestEnvironment ENV = TestEnvironment.create("deletion-threshold")
            .withQuickInbox()
            .with("provisioning.application.salesforce.deletion-threshold", "5")
            .with("provisioning.inbox.result-check-interval-ms", "300")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    @Test
    @Order(1)
    void aFileWithMoreDeletionsThanTheThresholdHoldsThemAllAndDiscardKeepsTheRecords() throws Exception {
        StringBuilder create = new StringBuilder("userName,email,lastName,company\n");
        StringBuilder delete = new StringBuilder("userName,action\n");
        for (int i = 0; i < 10; i++) {
            String name = "file" + i + "@threshold.example.com";
            create.append(name).append(',').append(name).append(",File,Acme\n");
            delete.append(name).append(",delete\n");
        }
        dropAndAwaitResult("create.csv", create.toString());
        assertEquals(10, leads("file"));

        Inbox.drop(ENV.inbox(), "delete.csv", delete.toString());
        JsonNode held = Await.until(
                () -> api.get("/api/applications/" + APP + "/held").json(),
                h -> h.path("count").asInt() == 10,
                Duration.ofSeconds(60));
        assertEquals("delete", held.path("held").path(0).path("operation").asText());
        assertTrue(held.path("held").path(0).path("userName").asText().endsWith("@threshold.example.com"));
        assertEquals(10, leads("file"), "none sent");
        assertEquals(10, safety().reportRows(APP, "held"));
        assertEquals(10, safety().application(APP).path("heldOperations").asInt());

        JsonNode discarded =
                api.post("/api/applications/" + APP + "/held/discard").json();
        assertEquals(10, discarded.path("count").asInt(), discarded.toString());
        assertEquals(10, safety().reportRows(APP, "discarded"));
        assertEquals(409, api.post("/api/applications/" + APP + "/held/discard").status());
        Path result = ENV.inbox().resolve("done").resolve("delete.csv.result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(60));
        assertEquals(10, leads("file"), "discarded deletions are never sent");
    }

    @Test
    @Order(2)
    void tenDeletionsSendFiveAndHoldFiveUntilApproved() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(safety().createUser("api" + i + "@threshold.example.com"));
        }
        for (String id : ids) {
            api.awaitFirstLinkState(id, "provisioned");
        }
        assertEquals(10, leads("api"));
        for (String id : ids) {
            assertEquals(200, api.delete("/api/users/" + id).status() / 100 * 100);
        }
        JsonNode held = Await.until(
                () -> api.get("/api/applications/" + APP + "/held").json(),
                h -> h.path("count").asInt() == 5,
                Duration.ofSeconds(60));
        Await.until(() -> leads("api"), n -> n == 5, Duration.ofSeconds(60));
        assertEquals(5, held.path("held").size());
        // the gauge reads the database when scraped, cached a few seconds
        Await.until(
                () -> api.getWithoutToken("/observe/metrics").body(),
                m -> m.contains("provisioning_held_operations{application=\"salesforce\"} 5.0"),
                Duration.ofSeconds(30));
        List<String> heldRows = safety().reportCsv(APP, "held").stream()
                .filter(r -> r.split(",")[1].startsWith("api")) // the file case's rows are there too
                .toList();
        assertEquals(5, heldRows.size(), heldRows.toString());
        assertTrue(heldRows.stream().allMatch(r -> r.contains("DELETION_THRESHOLD")), heldRows.toString());

        JsonNode approved =
                api.post("/api/applications/" + APP + "/held/approve").json();
        assertEquals(5, approved.path("count").asInt(), approved.toString());
        Await.until(() -> leads("api"), n -> n == 0, Duration.ofSeconds(60));
        ApiClient.Response again = api.post("/api/applications/" + APP + "/held/approve");
        assertEquals(409, again.status());
        assertTrue(again.json().path("message").asText().contains("Nothing is held"), again.body());
        assertEquals(404, api.get("/api/applications/nope/held").status());
        assertEquals(404, api.post("/api/applications/nope/held/approve").status());
    }

    private long leads(String prefix) {
        return org().queryAll("SELECT Id, Email FROM Lead").stream()
                .filter(l -> l.path("Email").asText().startsWith(prefix))
                .filter(l -> l.path("Email").asText().endsWith("@threshold.example.com"))
                .count();
    }

    private void dropAndAwaitResult(String name, String content) throws Exception {
        Inbox.drop(ENV.inbox(), name, content);
        Path result = ENV.inbox().resolve("done").resolve(name + ".result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(60));
    }

    private OrgSafety safety() {
        return new OrgSafety(api, context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
    }

    private EmulatorClient org() {
        return EmulatorClient.defaultOrg(context);
    }
}
