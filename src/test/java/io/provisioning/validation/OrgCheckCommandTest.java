package io.provisioning.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.emulator.ConnectedApp;
import io.provisioning.emulator.EmulatorSettings;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.TestEnvironment;
import io.provisioning.testsupport.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code validate --org}: a JWT login through the bundle's own connection code (key picked by alias from a keystore
 * with two keys) to a standalone emulator, its describe against the mapping, and a refused login with its cause.
 */
class OrgCheckCommandTest {

    private static final Path DIR = Path.of("target", "test-data", "org-check");
    private static SalesforceEmulator org;
    private static String settings;

    @BeforeAll
    static void start() throws Exception {
        // system properties of a bundle test that ran before in this JVM would win over the settings file
        TestEnvironment.clearSystemProperties();
        TestKeys first = TestKeys.generate(DIR, "bundle", "old");
        TestKeys second = TestKeys.add(first.keystore(), "current");
        org = new SalesforceEmulator(EmulatorSettings.defaults()
                .withPort(0)
                .withApp(ConnectedApp.defaults().withCertificates(List.of(second.certificate()))));
        org.start();
        Path file = DIR.resolve("application.properties");
        Path mappingFile = DIR.resolve("crm.yaml");
        Files.writeString(
                mappingFile,
                "# Lead\nfields:\n  LastName: lastName\n  Company: company\n  FirstName: firstName\n"
                        + "  Email: email\n  LeadSource:\n    constant: Provisioning\n    on: create\n");
        String mapping = mappingFile.toAbsolutePath().toString();
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "provisioning.applications=crm,crm-wrong,crm-empty",
                        "provisioning.application.crm.mapping=" + mapping,
                        "provisioning.application.crm.login-url=" + org.baseUrl(),
                        "provisioning.application.crm.authentication-type=JWT",
                        "provisioning.application.crm.client-id=" + ConnectedApp.DEFAULT_CLIENT_ID,
                        "provisioning.application.crm.username=integration@emulator.local",
                        "provisioning.application.crm.jwt-keystore="
                                + first.keystore().toAbsolutePath(),
                        "provisioning.application.crm.jwt-keystore-password=" + first.password(),
                        "provisioning.application.crm.jwt-key-alias=current",
                        "provisioning.application.crm-wrong.mapping=" + mapping,
                        "provisioning.application.crm-wrong.login-url=" + org.baseUrl(),
                        "provisioning.application.crm-wrong.client-id=" + ConnectedApp.DEFAULT_CLIENT_ID,
                        "provisioning.application.crm-wrong.client-secret=not-the-secret",
                        "provisioning.application.crm-empty.mapping=" + mapping,
                        "provisioning.application.crm-empty.login-url=",
                        ""));
        settings = "file:" + file;
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    @Test
    void everyMappedFieldIsWritableThenTheOrgRestrictsOne() throws Exception {
        Run ok = run("crm");
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(
                ok.output().contains("ok   ") && ok.output().contains("crm.yaml:3: LastName: createable, updateable"),
                ok.output());

        restrict("{\"Company\":\"READ\",\"FirstName\":\"NONE\"}");
        try {
            Run restricted = run("crm");
            assertEquals(1, restricted.exitCode(), restricted.output());
            assertTrue(
                    restricted.output().contains("FAIL ")
                            && restricted.output().contains("crm.yaml:4: Company: read-only"),
                    restricted.output());
            assertTrue(restricted.output().contains("crm.yaml:5: FirstName: unknown to the org"), restricted.output());
            assertTrue(restricted.output().contains("2 field problem(s)"), restricted.output());
        } finally {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(org.baseUrl() + "/emulator/field-permissions"))
                                    .DELETE()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void aRefusedLoginNamesTheOAuthErrorAndTheLikelyCause() {
        Run refused = run("crm-wrong");
        assertEquals(1, refused.exitCode());
        assertTrue(
                refused.output().contains("login refused")
                        && refused.output().contains("invalid_client")
                        && refused.output().contains("consumer secret"),
                refused.output());
    }

    @Test
    void anEmptyLoginUrlIsReportedAtItsLine() {
        Run empty = run("crm-empty");
        assertEquals(1, empty.exitCode());
        assertTrue(
                empty.output()
                        .startsWith(DIR.resolve("application.properties")
                                + ":15: provisioning.application.crm-empty.login-url is not set"),
                empty.output());
        BundleValidator.Report report = new BundleValidator(settings, "classpath:routes/none-*.camel.yaml").checkAll();
        assertTrue(
                report.problems().stream()
                        .anyMatch(p -> p.line() == 15 && p.reason().contains("'emulator'")),
                report.problems().toString());
    }

    private static void restrict(String json) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(org.baseUrl() + "/emulator/field-permissions/Lead"))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }

    private record Run(int exitCode, String output) {}

    private static Run run(String application) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = OrgCheckCommand.run(settings, application, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }
}
