package io.provisioning.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.emulator.EmulatorSettings;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.EmulatorClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a web page in the user's browser can do to the built-in Salesforce emulator: nothing. A rebinding page's
 * requests carry its own host name (421 on every path, nothing read or changed), and a cross-site form post without
 * a preflight cannot send {@code Content-Type: application/json} (415, the org is kept). The test client, which
 * sends that type, still drives the controls.
 */
class EmulatorControlsSecurityTest {

    private SalesforceEmulator emulator;
    private EmulatorClient org;
    private int port;
    private String leadId;

    @BeforeEach
    void start() throws Exception {
        emulator = new SalesforceEmulator(EmulatorSettings.defaults().withPort(0));
        emulator.start();
        port = emulator.port();
        org = EmulatorClient.defaultOrg(emulator.baseUrl());
        leadId = org.create("Lead", "{\"LastName\":\"Kept\",\"Company\":\"Co\"}");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aForeignHostGets421OnEveryPathAndChangesNothing() throws Exception {
        int callsBefore = org.calls().path("total").asInt();
        int tokensBefore = org.calls().path("byOperation").path("token").asInt();
        for (String host : List.of(
                "evil.example",
                "rebind.evil.example:" + port,
                "127.0.0.1.evil.example",
                "localhost.evil.example:" + port,
                "127.0.0.2:" + port,
                "localhost:80x")) {
            for (String[] call : List.of(
                    new String[] {"POST", "/emulator/reset"},
                    new String[] {"POST", "/emulator/faults"},
                    new String[] {"GET", "/emulator/calls"},
                    new String[] {"POST", "/services/oauth2/token"},
                    new String[] {"DELETE", "/services/data/v56.0/sobjects/Lead/" + leadId})) {
                RawHttp.Answer answer = RawHttp.send(
                        port, call[0], call[1], host, "{\"operation\":\"any\"}", "Content-Type: application/json");
                assertEquals(421, answer.status(), host + " " + call[1] + ": " + answer);
                assertTrue(answer.body().contains("\"errorCode\":\"MISDIRECTED_REQUEST\""), answer.toString());
                assertTrue(answer.header("Content-Type").get(0).startsWith("application/json"), answer.toString());
            }
        }
        assertEquals(421, RawHttp.get(port, "/emulator/calls", null).status(), "no Host header at all");
        assertEquals(callsBefore, org.calls().path("total").asInt(), "refused requests never reached the org");
        assertEquals(tokensBefore, org.calls().path("byOperation").path("token").asInt(), "no login either");
        assertEquals(200, org.recordStatus("Lead", leadId), "the org was not reset and the record not deleted");
        assertEquals("[]", RawHttp.get(port, "/emulator/faults", "127.0.0.1").body(), "no fault was set");
    }

    @Test
    void loopbackNamesWithAnyPortAreServed() throws Exception {
        for (String host :
                List.of("127.0.0.1:" + port, "127.0.0.1", "localhost:" + port, "LOCALHOST", "[::1]:" + port, "[::1]")) {
            assertEquals(200, RawHttp.get(port, "/emulator/calls", host).status(), host);
        }
    }

    @Test
    void aStateChangingControlWithoutJsonGets415AndKeepsTheOrg() throws Exception {
        String host = "127.0.0.1:" + port;
        // what a cross-site <form enctype="text/plain"> (or a no-cors fetch) sends: no preflight needed
        for (String contentType : List.of(
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "text/plain; application/json",
                "application/jsonx")) {
            RawHttp.Answer reset =
                    RawHttp.send(port, "POST", "/emulator/reset", host, "{}", "Content-Type: " + contentType);
            assertEquals(415, reset.status(), contentType + ": " + reset);
            assertTrue(reset.body().contains("\"errorCode\":\"UNSUPPORTED_MEDIA_TYPE\""), reset.toString());
        }
        assertEquals(
                415, RawHttp.send(port, "POST", "/emulator/reset", host, null).status(), "no body, no type");
        assertEquals(
                415,
                RawHttp.send(port, "PUT", "/emulator/latency", host, "{\"millis\":5000}", "Content-Type: text/plain")
                        .status());
        assertEquals(
                415,
                RawHttp.send(port, "POST", "/emulator/expire-tokens", host, "", "Content-Type: text/plain")
                        .status());
        assertEquals(201, org.control("POST", "/emulator/faults", "{\"operation\":\"query\",\"count\":5}"));
        assertEquals(
                415,
                RawHttp.send(port, "DELETE", "/emulator/faults", host, null).status());

        assertEquals(200, org.recordStatus("Lead", leadId), "the org was not reset and the token still works");
        assertEquals(
                "{\"millis\":0}", RawHttp.get(port, "/emulator/latency", host).body(), "latency unchanged");
        assertTrue(
                RawHttp.get(port, "/emulator/faults", host).body().contains("\"operation\":\"query\""),
                "the fault is still pending");
        // and the emulator grants no cross-site preflight
        RawHttp.Answer preflight = RawHttp.send(
                port,
                "OPTIONS",
                "/emulator/reset",
                host,
                null,
                "Origin: https://evil.example",
                "Access-Control-Request-Method: POST",
                "Access-Control-Request-Headers: content-type");
        assertTrue(
                preflight.headers().stream().noneMatch(h -> h[0].toLowerCase().startsWith("access-control-")),
                preflight.toString());
    }

    @Test
    void theTestClientStillDrivesTheControls() throws Exception {
        assertEquals(204, org.control("POST", "/emulator/reset", ""), "a body-less reset with the JSON type");
        assertEquals(404, org.recordStatus("Lead", leadId), "reset");
        assertEquals(200, org.control("PUT", "/emulator/latency", "{\"millis\":0}"));
        assertEquals(204, org.control("DELETE", "/emulator/faults", ""));
        assertEquals(
                204,
                RawHttp.send(
                                port,
                                "POST",
                                "/emulator/reset",
                                "localhost:" + port,
                                "",
                                "Content-Type: application/json; charset=utf-8")
                        .status());
    }
}
