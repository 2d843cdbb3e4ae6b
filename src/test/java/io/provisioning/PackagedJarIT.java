package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.BundleCopy;
import io.provisioning.testsupport.TestEnvironment;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run as an integration engineer runs it: from an empty folder (the packaged routes and config),
 * {@code validate}, and a route typo that stops the start with a short message. Runs after {@code package}.
 */
class PackagedJarIT {

    @TempDir
    Path folder;

    @Test
    void validateFromAnEmptyFolderChecksThePackagedCopies() throws Exception {
        Run run = java(folder, List.of(), "validate");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().lines().anyMatch(l -> l.startsWith("OK: ") && l.contains("route files")), run.output());
    }

    @Test
    void aRouteTypoStopsTheJarWithFileLineAndReason() throws Exception {
        BundleCopy copy = BundleCopy.in(folder);
        copy.route(
                "api-typo",
                """
                - to:
                    uri: sql:SELECT 1
                    parameters:
                      outputTyp: SelectOne
                """);
        Run run = java(folder, List.of());
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(
                run.output()
                        .contains("routes/api-typo.camel.yaml:6: endpoint 'sql:SELECT 1?outputTyp=SelectOne': "
                                + "option 'outputTyp': Unknown option. Did you mean: [outputType]"),
                run.output());
        assertTrue(run.output().lines().noneMatch(l -> l.trim().startsWith("at ")), "no stack trace: " + run.output());
        assertTrue(run.output().lines().count() < 10, run.output());
    }

    @Test
    void theJarRunsFromAnEmptyFolder() throws Exception {
        TestEnvironment env = TestEnvironment.create("packaged-jar");
        env.with("provisioning.data.dir", folder.resolve("data").toString());
        List<String> properties = new ArrayList<>();
        env.properties().forEach((key, value) -> properties.add("-D" + key + "=" + value));
        Path log = folder.resolve("bundle.log");
        Process bundle = start(folder, properties, log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            Await.until(() -> health(http, env.httpPort()), status -> status == 200, Duration.ofSeconds(90));
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(
                    output.contains("Routes: packaged copy (classpath:routes/*/*.camel.yaml); config: packaged copy"
                            + " (classpath:config/application.properties)"),
                    output);
        } finally {
            bundle.destroy();
            bundle.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private record Run(int exitCode, String output) {}

    private static Run java(Path workingDirectory, List<String> properties, String... arguments) throws Exception {
        Path log = workingDirectory.resolve("run.log");
        Process process = start(workingDirectory, properties, log, arguments);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Process start(Path workingDirectory, List<String> properties, Path log, String... arguments)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(properties);
        command.add("-jar");
        command.add(new File("target/salesforce-provisioning.jar").getAbsolutePath());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PROVISIONING_"));
        return builder.start();
    }

    private static int health(HttpClient http, int port) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
