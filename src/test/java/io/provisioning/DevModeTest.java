package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.BundleCopy;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.LogCapture;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dev mode on a copy of the routes and config: a changed route and a changed mapping take effect without a restart;
 * a broken route or mapping is refused with file, line and reason in the log, and the old one keeps serving.
 */
class DevModeTest {

    private static final String PROBE =
            """
            # GET /dev-probe: a constant answer that the test edits
            - rest:
                path: /dev-probe
                get:
                  - routeId: dev-probe-rest
                    to: direct:dev-probe

            - route:
                id: dev-probe
                from:
                  uri: direct:dev-probe
                  steps:
                    - %s:
                        constant: %s
            """;
    private static final String MAPPING =
            """
            fields:
              LastName: lastName
              Company: company
              Email: email
              %s: { constant: %s }
            """;

    @TempDir
    Path folder;

    @Test
    void changedFilesTakeEffectAndBrokenOnesAreRefused() throws Exception {
        TestEnvironment.clearSystemProperties();
        BundleCopy copy = BundleCopy.in(folder);
        Path probe = copy.write("routes/dev/dev-probe.camel.yaml", PROBE.formatted("setBody", "first"));
        Path mapping = copy.write("config/mappings/salesforce.yaml", MAPPING.formatted("Title", "Before"));
        TestEnvironment env = TestEnvironment.create("dev-mode")
                .with("provisioning.dev", "true")
                .with("camel.main.routes-include-pattern", copy.routesPattern())
                .with("provisioning.application.salesforce.mapping", mapping.toString());
        ApiClient api = env.api();
        Main main = new Main();
        main.setPropertyPlaceholderLocations(Application.CONFIG_LOCATION);
        env.properties().forEach(main::addOverrideProperty);
        try (LogCapture log = LogCapture.start("dev-mode-test")) {
            main.start();
            EmulatorClient emulator = EmulatorClient.defaultOrg(
                    main.lookup("salesforceEmulator", SalesforceEmulator.class).baseUrl());
            assertEquals("first", api.getWithoutToken("/dev-probe").body());
            assertEquals(
                    "Before",
                    leadOf(api, emulator, "before@example.com").path("Title").asText());

            // a changed route and a changed mapping: served without a restart
            copy.write("routes/dev/dev-probe.camel.yaml", PROBE.formatted("setBody", "second"));
            Await.until(() -> api.getWithoutToken("/dev-probe").body(), "second"::equals, Duration.ofSeconds(20));
            copy.write("config/mappings/salesforce.yaml", MAPPING.formatted("Title", "After"));
            Await.until(
                    log::text,
                    t -> t.contains("reloaded the mapping of application salesforce"),
                    Duration.ofSeconds(20));
            assertEquals(
                    "After",
                    leadOf(api, emulator, "after@example.com").path("Title").asText());
            assertTrue(log.text().contains("Dev mode: reloaded the route file(s) " + probe), log.text());

            // broken versions: refused with file, line and reason; the old route and mapping keep working
            copy.write("routes/dev/dev-probe.camel.yaml", PROBE.formatted("setBodyy", "third"));
            Await.until(
                    log::text,
                    t -> t.contains("Dev mode: refused the changed route file " + probe + "; its running routes stay. "
                            + probe + ":13: YAML DSL: Unknown node id: setBodyy"),
                    Duration.ofSeconds(20));
            assertEquals("second", api.getWithoutToken("/dev-probe").body());

            // passes the checks but Camel cannot start it (no such bean) after removing the file's routes: the
            // file's last good version is loaded again
            copy.write(
                    "routes/dev/dev-probe.camel.yaml",
                    PROBE.formatted("setBody", "fourth")
                            + """

                    - route:
                        id: dev-probe-bean
                        from:
                          uri: direct:dev-probe-bean
                          steps:
                            - bean:
                                ref: noSuchBean
                    """);
            Await.until(
                    log::text,
                    t -> t.contains(
                            "Dev mode: refused the changed route file(s) " + probe + "; Camel could not load them"),
                    Duration.ofSeconds(20));
            Await.until(() -> api.getWithoutToken("/dev-probe").body(), "second"::equals, Duration.ofSeconds(20));
            Thread.sleep(1500); // a second watch event of the same save must not take it away again
            assertEquals("second", api.getWithoutToken("/dev-probe").body());

            copy.write("config/mappings/salesforce.yaml", MAPPING.formatted("Titel", "Broken"));
            Await.until(
                    log::text,
                    t -> t.contains("Dev mode: refused the changed mapping file; application salesforce keeps its"
                            + " current mapping. " + mapping + ":5: unknown Lead field 'Titel'"),
                    Duration.ofSeconds(20));
            assertEquals(
                    "After",
                    leadOf(api, emulator, "kept@example.com").path("Title").asText());
        } finally {
            main.stop();
        }
    }

    private static JsonNode leadOf(ApiClient api, EmulatorClient emulator, String userName) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of("userName", userName, "email", userName, "lastName", "Dev", "company", "Acme")));
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();
        JsonNode user = Await.until(
                () -> api.get("/api/users/" + id).json(),
                u -> "provisioned"
                        .equals(u.path("applications").path(0).path("state").asText()),
                Duration.ofSeconds(30));
        return emulator.record(
                "Lead", user.path("applications").path(0).path("recordId").asText());
    }
}
