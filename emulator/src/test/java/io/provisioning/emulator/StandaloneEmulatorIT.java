package io.provisioning.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged standalone emulator ({@code target/salesforce-emulator.jar}) as its own process: its client and limits
 * come from a settings file and system properties, camel-salesforce logs in and writes through it, and a second
 * process on the same data folder finds the record (issue 21 item 5: several bundles sharing one org).
 */
class StandaloneEmulatorIT {

    private static final Pattern STARTED = Pattern.compile("Salesforce emulator on (http://127\\.0\\.0\\.1:\\d+) ");
    private static final String CLIENT_ID = "shared-org-client";
    private static final String CLIENT_SECRET = "shared-org-secret";

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientLogsInAndWritesThroughTheStandaloneJar() throws Exception {
        Path settings = dir.resolve("emulator.properties");
        Files.writeString(
                settings,
                "emulator.client-id=" + CLIENT_ID + "\nemulator.client-secret=" + CLIENT_SECRET
                        + "\nemulator.daily-api-limit=5\n");
        Path data = dir.resolve("org");
        // the system property wins over the file's limit of 5
        List<String> options = List.of("-Demulator.settings=" + settings, "-Demulator.daily-api-limit=777");

        Process first = start(options, data);
        String url = baseUrl(first);
        String id;
        try (DefaultCamelContext camel = camel(url, CLIENT_SECRET)) {
            ProducerTemplate template = camel.createProducerTemplate();
            JsonNode created = json(
                    camel,
                    template.requestBody(
                            "salesforce:createSObject?sObjectName=Lead&rawPayload=true",
                            "{\"LastName\":\"Standalone\",\"Company\":\"Shared org\"}"));
            assertTrue(created.path("success").asBoolean(), created.toString());
            id = created.path("id").asText();
            JsonNode limits = json(camel, template.requestBody("salesforce:limits?rawPayload=true", ""));
            assertEquals(777, limits.path("DailyApiRequests").path("Max").asInt(), limits.toString());
        }
        try (DefaultCamelContext camel = camel(url, "emulator-secret")) {
            CamelExecutionException refused =
                    assertThrows(CamelExecutionException.class, () -> camel.createProducerTemplate()
                            .requestBody("salesforce:query?rawPayload=true", "SELECT COUNT() FROM Lead"));
            assertTrue(
                    String.valueOf(refused.getCause().getMessage()).contains("invalid_client"),
                    "the default secret is refused when the settings name another: " + refused.getCause());
        }
        first.destroy(); // SIGTERM: the shutdown hook closes the org and compacts its journal
        assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the emulator stops on SIGTERM");

        Process second = start(options, data);
        try (DefaultCamelContext camel = camel(baseUrl(second), CLIENT_SECRET)) {
            JsonNode rows = json(
                    camel,
                    camel.createProducerTemplate()
                            .requestBody(
                                    "salesforce:query?rawPayload=true",
                                    "SELECT Id, Company FROM Lead WHERE LastName = 'Standalone'"));
            assertEquals(1, rows.path("totalSize").asInt(), rows.toString());
            assertEquals(id, rows.path("records").path(0).path("Id").asText());
        }
    }

    private Process start(List<String> options, Path data) throws IOException {
        Path jar = Path.of("target/salesforce-emulator.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar.toAbsolutePath());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "0", data.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        processes.add(process);
        return process;
    }

    /** Waits for the start line (port 0: the emulator names the port it got) and keeps draining the output. */
    private static String baseUrl(Process process) throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                String line;
                while ((line = out.readLine()) != null) {
                    seen.append(line).append('\n');
                    Matcher started = STARTED.matcher(line);
                    if (started.find()) {
                        Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
                        drain.setDaemon(true);
                        drain.start();
                        return started.group(1);
                    }
                }
                throw new IllegalStateException("the emulator ended before it started:\n" + seen);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String found = url.get(180, TimeUnit.SECONDS);
        assertNotNull(found);
        return found;
    }

    private static DefaultCamelContext camel(String url, String secret) {
        DefaultCamelContext camel = new DefaultCamelContext();
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(url);
        salesforce.setUserName("integration@emulator.local");
        salesforce.setPassword("emulator");
        salesforce.setClientId(CLIENT_ID);
        salesforce.setClientSecret(secret);
        salesforce.setLazyLogin(true);
        camel.addComponent("salesforce", salesforce);
        camel.start();
        return camel;
    }

    private static JsonNode json(DefaultCamelContext camel, Object body) throws IOException {
        return EmulatorClient.MAPPER.readTree(camel.getTypeConverter().convertTo(String.class, body));
    }
}
