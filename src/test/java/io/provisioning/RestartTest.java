package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * Work accepted before a stop is applied after the restart, exactly once. The first run never polls the outbox, so
 * the user is accepted but not yet provisioned when the bundle stops.
 */
class RestartTest {

    @Test
    void pendingWorkCompletesAfterRestartOnce() throws Exception {
        TestEnvironment env = TestEnvironment.create("restart")
                // a fixed emulator port, so the emulated org (persisted in the data folder) is the same after restart
                .with("provisioning.salesforce.emulator.port", String.valueOf(TestEnvironment.freePort()));
        String userName = "restart.user@example.com";

        Main first = start(env.with("provisioning.outbox.initial-delay-ms", "3600000"));
        try {
            ApiClient.Response created = env.api()
                    .post(
                            "/api/users",
                            ApiClient.json(Map.of(
                                    "userName",
                                    userName,
                                    "email",
                                    userName,
                                    "lastName",
                                    "Restart",
                                    "company",
                                    "Acme")));
            assertEquals(201, created.status(), created.body());
            assertEquals(
                    "pending",
                    created.json().path("applications").path(0).path("state").asText());
        } finally {
            first.stop();
        }

        Main second = start(env.with("provisioning.outbox.initial-delay-ms", "100"));
        try {
            String id = Reports.rows(dataSource(second), "SELECT id FROM directory_user WHERE user_name = ?", userName)
                    .get(0)
                    .get("id")
                    .toString();
            Await.until(
                    () -> env.api().get("/api/users/" + id).json(),
                    u -> "provisioned"
                            .equals(u.path("applications").path(0).path("state").asText()),
                    Duration.ofSeconds(30));
            Thread.sleep(500); // time for a duplicate to show, were the work applied twice
            EmulatorClient emulator =
                    EmulatorClient.defaultOrg(second.lookup("salesforceEmulator", SalesforceEmulator.class)
                            .baseUrl());
            assertEquals(
                    1,
                    emulator.query("SELECT Id FROM Lead WHERE Email = '" + userName + "'")
                            .path("totalSize")
                            .asInt());
            List<Map<String, Object>> rows = Reports.forUser(dataSource(second), userName);
            assertEquals(
                    List.of("success"), rows.stream().map(r -> r.get("status")).toList());
        } finally {
            second.stop();
        }
    }

    private static Main start(TestEnvironment env) {
        TestEnvironment.clearSystemProperties();
        Main main = new Main();
        main.setPropertyPlaceholderLocations(Application.CONFIG_LOCATION);
        env.properties().forEach(main::addOverrideProperty);
        main.start();
        return main;
    }

    private static DataSource dataSource(Main main) {
        return main.lookup("dataSource", DataSource.class);
    }
}
