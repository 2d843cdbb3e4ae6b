package io.provisioning.devx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.Application;
import io.provisioning.support.ConfigFiles;
import io.provisioning.testsupport.BundleCopy;
import io.provisioning.testsupport.TestEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A typo in a route file or a mapping file stops the start with one short message naming file, line and reason. */
class StartupTypoTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream originalErr = System.err;

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.clearProperty(ConfigFiles.ROUTES_OVERRIDE);
        System.clearProperty(ConfigFiles.CONFIG_OVERRIDE);
        TestEnvironment.clearSystemProperties();
    }

    @Test
    void aRouteFileWithATypoStopsTheStartWithFileLineAndReason() throws Exception {
        BundleCopy copy = BundleCopy.in(folder);
        copy.route(
                "api-typo",
                """
                - setHeadr:
                    name: X
                    constant: y
                """);
        System.setProperty(ConfigFiles.ROUTES_OVERRIDE, copy.routes().toString());

        assertEquals(1, runCapturingErr());
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(
                List.of(
                        "Cannot start: 1 problem(s) in the route files:",
                        "  " + copy.routes().resolve("api-typo.camel.yaml")
                                + ":6: YAML DSL: Unknown node id: setHeadr"),
                lines);
    }

    @Test
    void aMappingFileWithATypoStopsTheStartWithOneLine() throws Exception {
        TestEnvironment.create("startup-typo").asSystemProperties();
        BundleCopy copy = BundleCopy.in(folder);
        Path mapping = copy.write(
                "config/mappings/salesforce.yaml", "fields:\n  LastName: lastName\n  Company: { sorce: company }\n");
        copy.setting("provisioning.application.salesforce.mapping", mapping.toString());
        System.setProperty(ConfigFiles.CONFIG_OVERRIDE, copy.settings().toString());

        assertEquals(1, runCapturingErr());
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(
                lines.get(0).startsWith("Cannot start: " + mapping + ":3: unknown key 'sorce' in rule for 'Company'"),
                lines.toString());
    }

    @Test
    void credentialsWithoutALoginUrlStopTheStartWithOneLineNamingTheSetting() throws Exception {
        TestEnvironment.create("startup-login-url").asSystemProperties();
        BundleCopy copy = BundleCopy.in(folder);
        copy.setting("provisioning.application.salesforce.login-url", "");
        copy.setting("provisioning.application.salesforce.client-id", "3MVG9example");
        System.setProperty(ConfigFiles.CONFIG_OVERRIDE, copy.settings().toString());

        assertEquals(1, runCapturingErr());
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(
                lines.get(0)
                        .startsWith("Cannot start: provisioning.application.salesforce.login-url is not set: set it"
                                + " to the org's login URL (https://<my-domain>.my.salesforce.com"),
                lines.toString());
        assertTrue(lines.get(0).endsWith("or to 'emulator' for the built-in emulator"), lines.toString());
    }

    private int runCapturingErr() throws Exception {
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        return Application.run(new String[0]);
    }
}
