package io.provisioning.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The emulator driven by the real camel-salesforce component (Jetty client, login, 401 re-login, errors). */
class CamelSalesforceTest {
    private static SalesforceEmulator emulator;
    private static DefaultCamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        emulator = new SalesforceEmulator(EmulatorSettings.defaults().withPort(0));
        emulator.start();
        camel = new DefaultCamelContext();
        SalesforceComponent sf = new SalesforceComponent();
        sf.setLoginUrl(emulator.baseUrl());
        sf.setUserName("integration@emulator.local");
        sf.setPassword("emulator");
        sf.setClientId(ConnectedApp.DEFAULT_CLIENT_ID);
        sf.setClientSecret(ConnectedApp.DEFAULT_CLIENT_SECRET);
        sf.setLazyLogin(true);
        sf.setHttpRequestTimeout(3000); // bounds how long one call may hang (default 60 s)
        camel.addComponent("salesforce", sf);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").to("salesforce:createSObject?sObjectName=Lead&rawPayload=true");
                from("direct:get").to("salesforce:getSObject?sObjectName=Lead&rawPayload=true");
                from("direct:update").to("salesforce:updateSObject?sObjectName=Lead&rawPayload=true");
                from("direct:delete").to("salesforce:deleteSObject?sObjectName=Lead&rawPayload=true");
                from("direct:query").to("salesforce:query?rawPayload=true");
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        camel.stop();
        emulator.close();
    }

    private static JsonNode json(Object body) throws Exception {
        return EmulatorClient.MAPPER.readTree(camel.getTypeConverter().convertTo(String.class, body));
    }

    @Test
    void crudAndQueryThroughCamelSalesforce() throws Exception {
        JsonNode created = json(template.requestBody(
                "direct:create", "{\"LastName\":\"Camel\",\"Company\":\"Apache\",\"Email\":\"camel@apache.org\"}"));
        assertTrue(created.get("success").asBoolean());
        String id = created.get("id").asText();

        JsonNode got = json(template.requestBodyAndHeader("direct:get", null, "sObjectId", id));
        assertEquals("Apache", got.get("Company").asText());

        template.requestBodyAndHeader("direct:update", "{\"Title\":\"Rider\"}", "sObjectId", id);
        assertEquals(
                "Rider",
                json(template.requestBodyAndHeader("direct:get", null, "sObjectId", id))
                        .get("Title")
                        .asText());

        JsonNode rows =
                json(template.requestBody("direct:query", "SELECT Id, Title FROM Lead WHERE LastName = 'Camel'"));
        assertEquals(1, rows.get("totalSize").asInt());
        assertEquals(id, rows.get("records").get(0).get("Id").asText());

        template.requestBodyAndHeader("direct:delete", null, "sObjectId", id);
        CamelExecutionException gone = assertThrows(
                CamelExecutionException.class,
                () -> template.requestBodyAndHeader("direct:get", null, "sObjectId", id));
        assertEquals(404, ((SalesforceException) gone.getCause()).getStatusCode());
    }

    @Test
    void failedCreateCarriesStatusAndErrorCode() {
        CamelExecutionException e = assertThrows(
                CamelExecutionException.class,
                () -> template.requestBody("direct:create", "{\"FirstName\":\"NoLastName\"}"));
        SalesforceException sfe = assertInstanceOf(SalesforceException.class, e.getCause());
        assertEquals(400, sfe.getStatusCode());
        assertEquals("REQUIRED_FIELD_MISSING", sfe.getErrors().get(0).getErrorCode());
    }

    @Test
    void reLoginsAfterTokensExpire() throws Exception {
        template.requestBody("direct:query", "SELECT Id FROM Lead");
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/emulator/expire-tokens"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        long tokensBefore = calls().get("byOperation").path("token").asLong();
        JsonNode rows = json(template.requestBody("direct:query", "SELECT Id FROM Lead"));
        assertTrue(rows.get("done").asBoolean());
        assertEquals(tokensBefore + 1, calls().get("byOperation").path("token").asLong());
    }

    @Test
    void hangingCallIsCutByHttpRequestTimeout() throws Exception {
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/emulator/faults"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"operation\":\"query\",\"count\":1,\"timeout\":true,\"millis\":10000}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        long t0 = System.nanoTime();
        CamelExecutionException e = assertThrows(
                CamelExecutionException.class, () -> template.requestBody("direct:query", "SELECT Id FROM Lead"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertInstanceOf(SalesforceException.class, e.getCause());
        assertTrue(ms < 9000, "cut after " + ms + " ms");
    }

    private JsonNode calls() throws Exception {
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/emulator/calls"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return EmulatorClient.MAPPER.readTree(body);
    }
}
