package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.password.ResetTokens;
import io.provisioning.password.TokenCheck;
import io.provisioning.support.EmbeddedMailServer;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.Browser;
import io.provisioning.testsupport.CapturedMail;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Password sync end to end: a user provisioned as a Salesforce User gets an activation mail over SMTP (the embedded
 * GreenMail), opens its link in headless Chromium, is told the rule for a weak password and Salesforce's refusal,
 * sets a good one, and the emulated User has it. Then: used, forged, superseded and expired links; a reset asked for
 * by mail over IMAP; the mail retried while SMTP is down.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag(Browser.TAG)
class PasswordSyncFlowTest {

    private static final int SMTP_PORT = TestEnvironment.freePort();
    private static final int IMAP_PORT = TestEnvironment.freePort();
    private static final String GOOD_PASSWORD = "Tangerine-Orbit-4721-Quasar";
    private static final TestEnvironment ENV = TestEnvironment.create("password-sync-flow")
            .withUserApplication()
            .with("provisioning.application.salesforce.features.password-sync", "true")
            .with("provisioning.mail.embedded.smtp-port", String.valueOf(SMTP_PORT))
            .with("provisioning.mail.embedded.imap-port", String.valueOf(IMAP_PORT))
            .with("provisioning.mail.poll-interval-ms", "200")
            .with("provisioning.mail.retry.initial-delay-ms", "500")
            .with("provisioning.mail.retry.max-delay-ms", "1000")
            .with("provisioning.mail.inbox.poll-interval-ms", "300")
            .with("provisioning.mail.inbox.max-requests-per-hour", "1")
            .asSystemProperties();
    private static final Pattern LINK = Pattern.compile("(http://\\S+/reset-password\\?token=[A-Za-z0-9_-]+)");

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();
    private final HttpClient http = HttpClient.newHttpClient();
    private WebDriver browser;
    private String userId;
    private String salesforceUserId;
    private String firstLink;

    @BeforeAll
    void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void activationMailLeadsToAPasswordSetInSalesforce() throws Exception {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        "ada@example.com",
                        "email",
                        "ada@example.com",
                        "firstName",
                        "<b>Ada</b>",
                        "lastName",
                        "Lovelace",
                        "company",
                        "Analytical Engines")));
        assertEquals(201, created.status(), created.body());
        userId = created.json().path("id").asText();
        JsonNode user = Await.until(
                () -> api.get("/api/users/" + userId).json(),
                u -> "provisioned".equals(u.path("onboardingStatus").asText()),
                Duration.ofSeconds(30));
        for (JsonNode link : user.path("applications")) {
            if ("salesforce-users".equals(link.path("application").asText())) {
                salesforceUserId = link.path("recordId").asText();
            }
        }
        assertTrue(salesforceUserId.startsWith("005"), user.toString());

        ApiClient.Response queued =
                api.post("/api/activation-mails", ApiClient.json(Map.of("userIds", List.of(userId))));
        assertEquals(202, queued.status(), queued.body());
        MimeMessage mail = awaitMail("ada@example.com", 1);
        assertEquals("Activate your account", mail.getSubject());
        String html = part(mail, "text/html");
        assertTrue(html.contains("&lt;b&gt;Ada&lt;/b&gt;") && !html.contains("<b>Ada</b>"), html);
        String text = part(mail, "text/plain");
        firstLink = link(text);
        assertTrue(html.contains(firstLink), "the HTML part carries the same link");
        awaitStatus("invited");

        browser.get(firstLink);
        assertTrue(browser.getPageSource().contains("&lt;b&gt;Ada&lt;/b&gt;"), "names are escaped on the page");
        // NIST 800-63B: a common password is refused with zxcvbn's reason, whatever its length (the page's minlength
        // makes the browser itself refuse a short one)
        submit("password1234", "password1234");
        awaitPage("This is a very common password.");
        assertTrue(
                browser.findElement(By.id("error")).getText().contains("too easy to guess"), browser.getPageSource());

        emulator("salesforce-users")
                .injectFault(
                        "{\"operation\":\"password\",\"count\":1,\"status\":400,"
                                + "\"errorCode\":\"INVALID_NEW_PASSWORD\",\"message\":\"Your password cannot equal or contain your user name.\"}");
        submit(GOOD_PASSWORD, GOOD_PASSWORD);
        awaitPage("Your password cannot equal or contain your user name.");
        assertFalse(emulator("salesforce-users").passwordMatches(salesforceUserId, GOOD_PASSWORD));

        submit(GOOD_PASSWORD, GOOD_PASSWORD);
        awaitPage("Your password has been set");
        assertTrue(emulator("salesforce-users").passwordMatches(salesforceUserId, GOOD_PASSWORD));
        awaitStatus("activated");

        JsonNode activated = api.get("/api/users?onboardingStatus=activated").json();
        assertEquals(userId, activated.path("users").path(0).path("id").asText(), activated.toString());
        assertEquals(
                0,
                api.get("/api/users?onboardingStatus=invited")
                        .json()
                        .path("users")
                        .size());

        List<Map<String, Object>> rows = Reports.forUser(dataSource(), "ada@example.com");
        List<String> sync = rows.stream()
                .filter(r -> "password-sync".equals(r.get("operation")))
                .map(r -> r.get("application") + ":" + r.get("status"))
                .toList();
        assertEquals(
                List.of(
                        "salesforce:skipped",
                        "salesforce-users:failure",
                        "salesforce:skipped",
                        "salesforce-users:success"),
                sync);
        assertTrue(rows.stream()
                .anyMatch(r -> "activation-mail".equals(r.get("operation")) && "success".equals(r.get("status"))));
        assertTrue(rows.stream().noneMatch(r -> String.valueOf(r).contains(GOOD_PASSWORD)), "no password in reports");
    }

    @Test
    @Order(2)
    void usedForgedSupersededAndExpiredLinksGetAClearPage() throws Exception {
        assertPage(firstLink, 410, "already used");
        assertPage(firstLink.replaceAll("token=.*", "token=" + "A".repeat(43)), 404, "not valid");
        assertPage(firstLink.replaceAll("token=.*", "token=%3Cscript%3E"), 404, "not valid");

        api.post("/api/activation-mails", ApiClient.json(Map.of("userIds", List.of(userId))));
        String second = link(part(awaitMail("ada@example.com", 2), "text/plain"));
        api.post("/api/activation-mails", ApiClient.json(Map.of("userIds", List.of(userId))));
        String third = link(part(awaitMail("ada@example.com", 3), "text/plain"));
        // the mail reaches the inbox just before the bundle records it as sent (which supersedes the older link)
        Await.until(() -> status(second), status -> status == 410, Duration.ofSeconds(10));
        assertPage(second, 410, "newer mail");
        assertPage(third, 200, "Choose your password");

        try (var connection = dataSource().getConnection();
                var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE password_token SET expires_at = created_at WHERE state = 'active'");
        }
        assertPage(third, 410, "expired");

        HttpResponse<String> forgedPost = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ENV.httpPort() + "/reset-password"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + "B".repeat(43) + "&csrf=x&password="
                                + GOOD_PASSWORD + "&confirm=" + GOOD_PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, forgedPost.statusCode());
        assertFalse(forgedPost.headers().map().toString().contains(GOOD_PASSWORD), "the password is not echoed");
        assertFalse(forgedPost.body().contains("Exception"), forgedPost.body());
    }

    @Test
    @Order(3)
    void aResetAskedForByMailSendsAFreshLinkToTheRegisteredAddressOnly() throws Exception {
        ServerSetup smtp = new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        int before = mails("ada@example.com").length;
        GreenMailUtil.sendTextEmail(
                "reset@provisioning.local", "stranger@example.com", "reset password", "please", smtp);
        GreenMailUtil.sendTextEmail(
                "reset@provisioning.local", "Ada <ADA@example.com>", "Reset Password", "please", smtp);
        MimeMessage reset = awaitMail("ada@example.com", before + 1);
        assertEquals("Reset your password", reset.getSubject());
        assertPage(link(part(reset, "text/plain")), 200, "Choose your password");

        // Over the limit of one request per hour: no further mail.
        GreenMailUtil.sendTextEmail("reset@provisioning.local", "ada@example.com", "reset password", "again", smtp);
        Thread.sleep(2_000);
        assertEquals(before + 1, mails("ada@example.com").length);
        assertEquals(0, mails("stranger@example.com").length);
    }

    @Test
    @Order(4)
    void whileSmtpIsDownTheMailIsPendingAndRetried() throws Exception {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        "grace@example.com",
                        "email",
                        "grace@example.com",
                        "lastName",
                        "Hopper",
                        "company",
                        "Navy")));
        String graceId = created.json().path("id").asText();
        Await.until(
                () -> api.get("/api/users/" + graceId).json(),
                u -> "provisioned".equals(u.path("onboardingStatus").asText()),
                Duration.ofSeconds(30));
        GreenMail server = context.getRegistry()
                .lookupByNameAndType("embeddedMailServer", EmbeddedMailServer.class)
                .greenMail();
        server.stop();
        try {
            ApiClient.Response queued =
                    api.post("/api/activation-mails", ApiClient.json(Map.of("onboardingStatus", "provisioned")));
            assertEquals(202, queued.status(), queued.body());
            assertEquals(graceId, queued.json().path("queued").path(0).asText(), queued.body());
            Await.until(
                    () -> api.get("/api/users/" + graceId).json(),
                    u -> "mail-pending".equals(u.path("onboardingStatus").asText()),
                    Duration.ofSeconds(20));
            assertEquals(
                    graceId,
                    api.get("/api/users?onboardingStatus=mail-pending")
                            .json()
                            .path("users")
                            .path(0)
                            .path("id")
                            .asText());
        } finally {
            server.start();
        }
        awaitMail("grace@example.com", 1);
        Await.until(
                () -> api.get("/api/users/" + graceId).json(),
                u -> "invited".equals(u.path("onboardingStatus").asText()),
                Duration.ofSeconds(20));
        List<Object> statuses = Reports.forUser(dataSource(), "grace@example.com").stream()
                .filter(r -> "activation-mail".equals(r.get("operation")))
                .map(r -> r.get("status"))
                .toList();
        assertTrue(
                statuses.contains("retrying") && "success".equals(statuses.get(statuses.size() - 1)),
                statuses.toString());
    }

    private void submit(String password, String confirm) {
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("confirm")).sendKeys(confirm);
        browser.findElement(By.id("submit")).click();
    }

    private void awaitPage(String text) {
        Await.until(browser::getPageSource, page -> page.contains(text), Duration.ofSeconds(15));
    }

    private int status(String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url)).GET().build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertPage(String url, int status, String text) throws Exception {
        HttpResponse<String> page =
                http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, page.statusCode(), page.body());
        assertTrue(page.body().contains(text), page.body());
    }

    private void awaitStatus(String status) {
        Await.until(
                () -> api.get("/api/users/" + userId).json(),
                u -> status.equals(u.path("onboardingStatus").asText()),
                Duration.ofSeconds(20));
    }

    private MimeMessage[] mails(String to) {
        return CapturedMail.to(context, to);
    }

    private MimeMessage awaitMail(String to, int count) {
        MimeMessage[] all = Await.until(() -> mails(to), m -> m.length >= count, Duration.ofSeconds(20));
        return all[count - 1];
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        Multipart multipart = (Multipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType(type)) {
                return String.valueOf(multipart.getBodyPart(i).getContent());
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String link(String text) {
        Matcher link = LINK.matcher(text);
        assertTrue(link.find(), text);
        return link.group(1);
    }

    private EmulatorClient emulator(String application) {
        return EmulatorClient.defaultOrg(context.getRegistry()
                .lookupByNameAndType("salesforceEmulator-" + application, SalesforceEmulator.class)
                .baseUrl());
    }

    /** Two mails for one user sent concurrently, the newer one first: the older link must not win. */
    @Test
    @Order(100)
    void aLinkSentAfterANewerOneIsSupersededAtOnce() {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        "order.user@example.com",
                        "email",
                        "order.user@example.com",
                        "lastName",
                        "Order",
                        "company",
                        "Acme")));
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();
        java.time.Instant now = java.time.Instant.now();
        ResetTokens earlier = new ResetTokens(
                dataSource(),
                Duration.ofHours(1),
                java.time.Clock.fixed(now.minusSeconds(60), java.time.ZoneOffset.UTC));
        ResetTokens later = new ResetTokens(
                dataSource(), Duration.ofHours(1), java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        ResetTokens.Issued older = earlier.issue(id);
        ResetTokens.Issued newer = later.issue(id);
        later.activate(newer.hash(), id);
        earlier.activate(older.hash(), id);
        assertEquals(TokenCheck.Status.VALID, later.check(newer.token()).status());
        assertEquals(TokenCheck.Status.SUPERSEDED, later.check(older.token()).status());

        ResetTokens.Issued newest = later.issue(id);
        later.activate(newest.hash(), id);
        assertEquals(TokenCheck.Status.SUPERSEDED, later.check(newer.token()).status(), "a newer sent link supersedes");
        assertEquals(TokenCheck.Status.VALID, later.check(newest.token()).status());
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
