package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.support.ConfigFiles;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.DocExamples;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three extension examples of {@code docs/extending.md}, applied as written to copies of {@code routes/} and
 * {@code config/}: a mapped field, a route step that posts failed operations to a webhook, and a second Salesforce
 * application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtensionExamplesTest {

    private final DocExamples examples = DocExamples.load(DocExamples.EXTENDING);
    private final List<JsonNode> webhookCalls = new CopyOnWriteArrayList<>();
    private final List<Headers> webhookHeaders = new CopyOnWriteArrayList<>();
    private HttpServer webhook;
    private Main bundle;
    private ApiClient api;

    @BeforeAll
    void applyTheExamplesAndStart() throws IOException {
        TestEnvironment.clearSystemProperties();
        TestEnvironment env = TestEnvironment.create("extension-examples");
        Path copy = Path.of(env.properties().get("provisioning.data.dir"), "project")
                .toAbsolutePath();
        copyTree(Path.of("routes"), copy.resolve("routes"));
        copyTree(Path.of("config"), copy.resolve("config"));

        examples.appendTo("mapped-field", copy.resolve("config/mappings/salesforce.yaml"));
        examples.appendTo("route-step/reports-write", copy.resolve("routes/reports/reports-write.camel.yaml"));
        examples.writeTo("route-step/route", copy.resolve("routes/reports/notify-failed-provisioning.camel.yaml"));
        examples.appendTo("route-step/properties", copy.resolve("config/application.properties"));
        examples.appendTo("second-application/properties", copy.resolve("config/application.properties"));
        examples.writeTo("second-application/mapping", copy.resolve("config/mappings/salesforce-sandbox.yaml"));

        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hooks/provisioning", exchange -> {
            webhookHeaders.add(exchange.getRequestHeaders());
            webhookCalls.add(
                    new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();

        bundle = new Main();
        bundle.setPropertyPlaceholderLocations("file:" + copy.resolve("config/application.properties"));
        env.properties().forEach(bundle::addOverrideProperty);
        // the copy stands in for the working directory of an installed bundle
        bundle.addOverrideProperty(
                "camel.main.routes-include-pattern", "file:" + copy.resolve("routes") + "/" + ConfigFiles.ROUTE_FILES);
        bundle.addOverrideProperty(
                "provisioning.application.salesforce.mapping",
                copy.resolve("config/mappings/salesforce.yaml").toString());
        bundle.addOverrideProperty(
                "provisioning.application.salesforce-sandbox.mapping",
                copy.resolve("config/mappings/salesforce-sandbox.yaml").toString());
        bundle.addOverrideProperty(
                "provisioning.notify.webhook-url",
                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/provisioning");
        bundle.start();
        api = env.api();
    }

    @AfterAll
    void stop() {
        if (bundle != null) {
            bundle.stop();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void theMappedFieldReachesTheLead() {
        JsonNode user = create("title.user@example.com", Map.of("jobTitle", "Head of Research"));
        String leadId = recordId(awaitSettled(user.path("id").asText()), "salesforce");
        assertEquals(
                "Head of Research",
                org("salesforce").record("Lead", leadId).path("Title").asText());
    }

    @Test
    void aFailedProvisioningIsPostedToTheWebhook() {
        org("salesforce")
                .injectFault("{\"operation\":\"upsert\",\"count\":1,\"status\":400,"
                        + "\"errorCode\":\"INVALID_EMAIL_ADDRESS\",\"message\":\"Email: invalid email address\"}");
        create("hook.user@example.com", Map.of());
        JsonNode call = Await.until(
                () -> webhookCalls.stream()
                        .filter(c -> c.path("userIdentifier").asText().equals("hook.user@example.com"))
                        .findFirst()
                        .orElse(null),
                c -> c != null,
                Duration.ofSeconds(30));
        assertEquals("failure", call.path("status").asText());
        assertEquals("salesforce", call.path("application").asText());
        assertEquals("create", call.path("operation").asText());
        assertEquals("INVALID_EMAIL_ADDRESS", call.path("errorCode").asText());
        assertTrue(call.path("occurredAt").isTextual(), "dates as ISO text: " + call);
        assertTrue(
                webhookCalls.stream().allMatch(c -> c.path("status").asText().equals("failure")),
                "only failures are posted: " + webhookCalls);
    }

    /** A failure inside an HTTP request: the caller's headers, its bearer token above all, stay in the bundle. */
    @Test
    void aFailureInAnHttpRequestIsPostedWithoutTheCallersHeaders() {
        int before = webhookCalls.size();
        org("salesforce-sandbox")
                .injectFault("{\"operation\":\"limits\",\"count\":1,\"status\":500,"
                        + "\"errorCode\":\"SERVER_UNAVAILABLE\"}");
        ApiClient.Response refused = api.post("/api/applications/salesforce-sandbox/verify");
        assertTrue(refused.body().contains("\"verified\":false"), refused.body());
        Await.until(webhookCalls::size, size -> size > before, Duration.ofSeconds(30));
        for (int i = before; i < webhookCalls.size(); i++) {
            Headers headers = webhookHeaders.get(i);
            assertTrue(headers.getFirst("Authorization") == null, "no bearer token: " + headers.entrySet());
            assertTrue(
                    headers.keySet().stream()
                            .noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("camel")),
                    "no Camel headers: " + headers.entrySet());
        }
        assertEquals(
                "failure",
                webhookCalls.get(before).path("status").asText(),
                webhookCalls.get(before).toString());
    }

    @Test
    void theSecondApplicationGetsItsContacts() {
        JsonNode user = create("contact.user@example.com", Map.of("department", "Finance"));
        JsonNode settled = awaitSettled(user.path("id").asText());
        String contactId = recordId(settled, "salesforce-sandbox");
        assertTrue(contactId.startsWith("003"), contactId);
        JsonNode contact = org("salesforce-sandbox").record("Contact", contactId);
        assertEquals("Finance", contact.path("Department").asText());
        assertEquals("contact.user@example.com", contact.path("Email").asText());
        assertTrue(api.get("/api/applications").body().contains("salesforce-sandbox"));
    }

    private JsonNode create(String userName, Map<String, Object> custom) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        userName,
                        "email",
                        userName,
                        "firstName",
                        "Ex",
                        "lastName",
                        "Ample",
                        "company",
                        "Examples Ltd",
                        "customAttributes",
                        custom)));
        assertEquals(201, created.status(), created.body());
        return created.json();
    }

    private JsonNode awaitSettled(String id) {
        return Await.until(
                () -> api.get("/api/users/" + id).json(),
                u -> {
                    for (JsonNode link : u.path("applications")) {
                        if (!link.path("state").asText().equals("provisioned")) {
                            return false;
                        }
                    }
                    return u.path("applications").size() == 2;
                },
                Duration.ofSeconds(30));
    }

    private static String recordId(JsonNode user, String application) {
        for (JsonNode link : user.path("applications")) {
            if (link.path("application").asText().equals(application)) {
                return link.path("recordId").asText();
            }
        }
        throw new AssertionError("no link to " + application + " in " + user);
    }

    private EmulatorClient org(String application) {
        return EmulatorClient.defaultOrg(bundle.getCamelContext()
                .getRegistry()
                .lookupByNameAndType("salesforceEmulator-" + application, SalesforceEmulator.class)
                .baseUrl());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                try {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
