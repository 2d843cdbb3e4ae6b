package io.provisioning.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.provisioning.Application;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.LogCapture;
import io.provisioning.testsupport.TestEnvironment;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15, what a neighbour on the network or a page in the user's browser can reach: every listener on loopback,
 * the start-up log saying so, 421 for a Host the server does not serve (DNS rebinding), the mailbox viewer behind
 * the token and gone while a real SMTP server sends the mail, /observe/* behind the token when configured, and the
 * embedded IMAP refusing the address as password.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpExposureSecurityTest {

    private static final LogCapture LOG = LogCapture.start("http-exposure-security");
    /** The "real" SMTP relay: a mail server of the test's own, so the embedded one only holds the reset inbox. */
    private static final GreenMail RELAY =
            new GreenMail(new ServerSetup(TestEnvironment.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static final TestEnvironment ENV;

    static {
        RELAY.start();
        ENV = TestEnvironment.create("http-exposure-security")
                .with("provisioning.observe.require-token", "true")
                .with("provisioning.http.allowed-hosts", "provisioning.example.org")
                .with("provisioning.mail.host", "127.0.0.1")
                .with("provisioning.mail.port", String.valueOf(RELAY.getSmtp().getPort()))
                .with("provisioning.mail.tls", "none")
                .asSystemProperties();
    }

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();
    private final int port = ENV.httpPort();

    @AfterAll
    void stop() {
        RELAY.stop();
        LOG.close();
    }

    @Test
    void everyListenerIsOnLoopbackOnly() throws Exception {
        List<InetAddress> others = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .toList();
        Assumptions.assumeFalse(others.isEmpty(), "this machine has no address besides loopback");
        int emulator = URI.create(context.getRegistry()
                        .lookupByNameAndType("salesforceEmulator", SalesforceEmulator.class)
                        .baseUrl())
                .getPort();
        Map<String, Integer> listeners = Map.of(
                "HTTP",
                port,
                "Salesforce emulator",
                emulator,
                "embedded SMTP",
                Integer.parseInt(ENV.properties().get("provisioning.mail.embedded.smtp-port")),
                "embedded IMAP",
                Integer.parseInt(ENV.properties().get("provisioning.mail.embedded.imap-port")));
        listeners.forEach((name, listenerPort) -> {
            assertTrue(connects(InetAddress.getLoopbackAddress(), listenerPort), name + " answers on loopback");
            for (InetAddress address : others) {
                assertFalse(connects(address, listenerPort), name + " must not listen on " + address);
            }
        });
    }

    @Test
    void theStartUpLogSaysWhatIsExposedWhere() {
        String log = LOG.text();
        assertTrue(
                log.contains("HTTP: listening on 127.0.0.1:" + port + " (loopback only; set provisioning.http.host"),
                log);
        assertTrue(log.contains("provisioning.example.org"), log);
        assertTrue(log.contains("/observe/* and everything else need the API token"), log);
    }

    @Test
    void aHostTheServerDoesNotServeGets421AndChangesNothing() throws Exception {
        for (String path : List.of(
                "/health", "/api/users", "/reset-password?token=x", "/no-such-page", "/mailbox", "/api/mailbox")) {
            RawHttp.Answer answer = RawHttp.get(port, path, "evil.example", bearer());
            assertEquals(421, answer.status(), path + ": " + answer);
            assertTrue(answer.body().contains("\"error\":\"misdirected_request\""), answer.toString());
            assertEquals(List.of("application/json"), answer.header("Content-Type"));
        }
        // a rebinding page posting to the API from the victim's browser: refused before any route runs
        RawHttp.Answer post = RawHttp.send(
                port,
                "POST",
                "/api/users",
                "rebind.evil.example:" + port,
                "{\"userName\":\"mallory@example.com\",\"email\":\"mallory@example.com\",\"lastName\":\"M\","
                        + "\"company\":\"X\"}",
                bearer(),
                "Content-Type: application/json");
        assertEquals(421, post.status(), post.toString());
        assertEquals(0, api.get("/api/users?limit=200").json().path("users").size(), "nothing was created");
        assertEquals(400, RawHttp.get(port, "/health", null).status(), "no Host header at all: Vert.x refuses it");
        assertEquals(421, RawHttp.get(port, "/health", "127.0.0.1.evil.example").status());
        assertEquals(
                400, RawHttp.get(port, "/health", "localhost@evil.example").status(), "Vert.x refuses a bad authority");

        for (String host : List.of(
                "localhost:" + port,
                "127.0.0.1:" + port,
                "[::1]:" + port,
                "LOCALHOST",
                "provisioning.example.org",
                "provisioning.example.org:443")) {
            assertEquals(200, RawHttp.get(port, "/health", host).status(), host);
        }
    }

    @Test
    void theMailboxViewerNeedsTheTokenAndIsGoneWhileARealSmtpServerSends() throws Exception {
        // the mails are behind the token (the /mailbox page holds none and fetches /api/mailbox with it)
        RawHttp.Answer anonymous = RawHttp.get(port, "/api/mailbox", "localhost");
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertTrue(anonymous.body().contains("\"error\":\"unauthorized\""), anonymous.body());
        RawHttp.Answer tokenInQuery = RawHttp.get(
                port, "/api/mailbox?Authorization=" + enc("Bearer " + TestEnvironment.API_TOKEN), "localhost");
        assertEquals(401, tokenInQuery.status(), "a query parameter is no credential: " + tokenInQuery);
        RawHttp.Answer withToken = RawHttp.get(port, "/api/mailbox", "localhost", bearer());
        assertEquals(404, withToken.status(), "the embedded server only holds the reset inbox here: " + withToken);
        RawHttp.Answer page = RawHttp.get(port, "/mailbox", "localhost");
        assertEquals(404, page.status(), "and the page is gone too: " + page);
    }

    @Test
    void observeNeedsTheTokenWhenConfigured() throws Exception {
        for (String path : List.of("/observe/health", "/observe/metrics")) {
            assertEquals(401, RawHttp.get(port, path, "localhost").status(), path);
            int status = RawHttp.get(port, path, "localhost", bearer()).status();
            assertTrue(status == 200 || status == 503, path + " " + status);
        }
        assertEquals(200, RawHttp.get(port, "/health", "localhost").status(), "/health stays open");
        assertEquals(
                "{\"status\":\"UP\"}", RawHttp.get(port, "/health", "localhost").body(), "and minimal");
    }

    @Test
    void theEmbeddedImapServerRefusesTheAddressAsPassword() throws Exception {
        int smtp = Integer.parseInt(ENV.properties().get("provisioning.mail.embedded.smtp-port"));
        int imap = Integer.parseInt(ENV.properties().get("provisioning.mail.embedded.imap-port"));
        GreenMailUtil.sendTextEmail(
                "bob@example.com",
                "someone@example.com",
                "hello",
                "secret link",
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        assertFalse(canLogIn(imap, "bob@example.com", "bob@example.com"), "login = password = address");
        assertFalse(canLogIn(imap, "reset@provisioning.local", "reset"), "the old fixed inbox password");
        assertFalse(canLogIn(imap, "reset@provisioning.local", "reset@provisioning.local"));
    }

    private static boolean canLogIn(int imapPort, String login, String password) {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "5000");
        try {
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect("127.0.0.1", imapPort, login, password);
            store.close();
            return true;
        } catch (AuthenticationFailedException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String bearer() {
        return "Authorization: Bearer " + TestEnvironment.API_TOKEN;
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
