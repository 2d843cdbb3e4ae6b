package io.provisioning.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.Application;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.CapturedMail;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15, reset links over real HTTP against two emulated orgs with Salesforce Users: concurrent submits of one
 * link set the password once; a link failing everywhere stays usable, one that set the password in part is used up
 * with a clear page; the form is read from the body only; deactivation, deletion and a new address revoke open
 * links; and a name cannot inject lines or links into the plain-text mail.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResetLinkSecurityTest {

    private static final String PASSWORD = "Tangerine-Orbit-4721-Quasar";
    private static final TestEnvironment ENV = TestEnvironment.create("reset-link-security")
            .withUserApplication()
            .with("provisioning.applications", "salesforce,salesforce-users,salesforce-backup")
            .with("provisioning.application.salesforce-backup.sobject", "User")
            .with("provisioning.application.salesforce-backup.login-url", "emulator")
            .with("provisioning.application.salesforce-backup.mapping", "config/mappings/salesforce-users.yaml")
            .with("provisioning.application.salesforce-backup.features.password-sync", "true")
            .with("provisioning.application.salesforce-backup.defaults.TimeZoneSidKey", "Europe/London")
            .with("provisioning.application.salesforce-backup.defaults.LocaleSidKey", "en_GB")
            .with("provisioning.application.salesforce-backup.defaults.EmailEncodingKey", "UTF-8")
            .with("provisioning.application.salesforce-backup.defaults.LanguageLocaleKey", "en_US")
            .with("provisioning.mail.poll-interval-ms", "200")
            .asSystemProperties();
    private static final Pattern LINK = Pattern.compile("http://\\S+/reset-password\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();
    private final int port = ENV.httpPort();

    @Test
    void concurrentSubmitsOfOneLinkSetThePasswordOnceAndTheOthersGet410() throws Exception {
        User ada = provisioned("ada@example.com", "Ada");
        String token = newLink(ada);
        String form = form(token, csrf(token), PASSWORD, PASSWORD);
        int before = emulator("salesforce-users").callCount("password");
        int submits = 6;
        ExecutorService pool = Executors.newFixedThreadPool(submits);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RawHttp.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < submits; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return post("/reset-password", form);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<RawHttp.Answer> answer : answers) {
            statuses.add(answer.get().status());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(submits - 1, statuses.stream().filter(s -> s == 410).count(), statuses.toString());
        assertEquals(before + 1, emulator("salesforce-users").callCount("password"), "one password call");
        assertTrue(emulator("salesforce-users").passwordMatches(ada.recordIn("salesforce-users"), PASSWORD));
        assertEquals(
                1,
                Reports.forUser(dataSource(), "ada@example.com").stream()
                        .filter(r -> "password-sync".equals(r.get("operation"))
                                && "salesforce-users".equals(r.get("application"))
                                && "success".equals(r.get("status")))
                        .count());

        RawHttp.Answer again = post("/reset-password", form);
        assertEquals(410, again.status(), again.body());
        assertTrue(again.body().contains("already used"), again.body());
    }

    @Test
    void aLinkThatSetNothingStaysUsableAndOneThatSetThePasswordInPartIsUsedUp() throws Exception {
        User grace = provisioned("grace@example.com", "Grace");
        String token = newLink(grace);
        emulator("salesforce-users")
                .injectFault("{\"operation\":\"password\",\"count\":1,\"status\":503,"
                        + "\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"down\"}");
        emulator("salesforce-backup")
                .injectFault("{\"operation\":\"password\",\"count\":1,\"status\":503,"
                        + "\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"down\"}");
        RawHttp.Answer nothingSet = post("/reset-password", form(token, csrf(token), PASSWORD, PASSWORD));
        assertEquals(503, nothingSet.status(), nothingSet.body());
        assertTrue(nothingSet.body().contains("try again later with the same link"), nothingSet.body());
        assertEquals(200, page(token).status(), "nothing was set anywhere: the link still works");

        emulator("salesforce-backup")
                .injectFault("{\"operation\":\"password\",\"count\":1,\"status\":503,"
                        + "\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"down\"}");
        RawHttp.Answer partly = post("/reset-password", form(token, csrf(token), PASSWORD, PASSWORD));
        assertEquals(502, partly.status(), partly.body());
        assertTrue(partly.body().contains("set in salesforce-users but not in salesforce-backup"), partly.body());
        assertTrue(partly.body().contains("Ask for a new one"), partly.body());
        assertTrue(emulator("salesforce-users").passwordMatches(grace.recordIn("salesforce-users"), PASSWORD));
        assertFalse(emulator("salesforce-backup").passwordMatches(grace.recordIn("salesforce-backup"), PASSWORD));
        RawHttp.Answer reused = page(token);
        assertEquals(410, reused.status(), "a link that changed a password is used up: " + reused.body());
        JsonNode user = api.get("/api/users/" + grace.id()).json();
        assertEquals("failed", user.path("onboardingStatus").asText(), user.toString());
    }

    @Test
    void theFormIsReadFromTheBodyOnly() throws Exception {
        User alan = provisioned("alan@example.com", "Alan");
        String token = newLink(alan);
        String csrf = csrf(token);
        String inQuery = "?password=" + enc(PASSWORD) + "&confirm=" + enc(PASSWORD);
        RawHttp.Answer mixed = post("/reset-password" + inQuery, "token=" + token + "&csrf=" + enc(csrf));
        assertEquals(400, mixed.status(), mixed.body());
        assertTrue(mixed.body().contains("must be sent in the request body"), mixed.body());
        RawHttp.Answer allInQuery = post("/reset-password" + inQuery + "&token=" + token + "&csrf=" + enc(csrf), "");
        assertEquals(400, allInQuery.status(), allInQuery.body());
        RawHttp.Answer asHeaders = RawHttp.send(
                port,
                "POST",
                "/reset-password",
                "localhost",
                "token=" + token + "&csrf=" + enc(csrf),
                "Content-Type: application/x-www-form-urlencoded",
                "password: " + PASSWORD,
                "confirm: " + PASSWORD);
        assertEquals(400, asHeaders.status(), "headers are no form fields either: " + asHeaders.body());
        assertFalse(emulator("salesforce-users").passwordMatches(alan.recordIn("salesforce-users"), PASSWORD));
        assertFalse(mixed.allHeaders().contains(PASSWORD) || mixed.body().contains(PASSWORD), "never echoed");
        assertEquals(200, page(token).status(), "a refused form leaves the link as it was");

        RawHttp.Answer tooShort = post("/reset-password", form(token, csrf, "short words", "short words"));
        assertEquals(400, tooShort.status());
        assertTrue(tooShort.body().contains("too short"), tooShort.body());
        RawHttp.Answer common = post("/reset-password", form(token, csrf, "password1234", "password1234"));
        assertTrue(common.body().contains("This is a very common password."), common.body());
        RawHttp.Answer ownName = post("/reset-password", form(token, csrf, "alan-example-1234", "alan-example-1234"));
        assertTrue(ownName.body().contains("contains your name"), ownName.body());
        assertEquals(
                200,
                post("/reset-password", form(token, csrf, PASSWORD, PASSWORD)).status());
    }

    @Test
    void deactivationDeletionAndANewAddressRevokeOpenLinks() throws Exception {
        User moved = provisioned("moved@example.com", "Moved");
        String movedLink = newLink(moved);
        assertEquals(
                200,
                api.patch("/api/users/" + moved.id(), "{\"email\":\"moved@elsewhere.example\"}")
                        .status());
        RawHttp.Answer afterMove = page(movedLink);
        assertEquals(410, afterMove.status());
        assertTrue(afterMove.body().contains("withdrawn"), afterMove.body());
        assertEquals(
                410,
                post("/reset-password", form(movedLink, "x", PASSWORD, PASSWORD))
                        .status());

        User paused = provisioned("paused@example.com", "Paused");
        String pausedLink = newLink(paused);
        assertEquals(
                200,
                api.patch("/api/users/" + paused.id(), "{\"active\":false}").status());
        assertEquals(410, page(pausedLink).status());

        User gone = provisioned("gone@example.com", "Gone");
        String goneLink = newLink(gone);
        assertEquals(202, api.delete("/api/users/" + gone.id()).status());
        assertEquals(410, page(goneLink).status());

        User renamed = provisioned("renamed@example.com", "Renamed");
        String renamedLink = newLink(renamed);
        assertEquals(
                200,
                api.patch("/api/users/" + renamed.id(), "{\"lastName\":\"Other\"}")
                        .status());
        assertEquals(200, page(renamedLink).status(), "other changes leave the link alone");
    }

    @Test
    void aNameCannotAddLinesOrLinksToThePlainTextMail() throws Exception {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        "mallory@example.com",
                        "email",
                        "mallory@example.com",
                        "firstName",
                        "Mallory\r\n\r\nUrgent: verify at https://evil.example/reset",
                        "lastName",
                        "www.evil.example",
                        "company",
                        "X")));
        if (created.status() != 201) {
            // the API refuses line breaks in names already; the link-looking text alone still must not pass
            created = api.post(
                    "/api/users",
                    ApiClient.json(Map.of(
                            "userName",
                            "mallory@example.com",
                            "email",
                            "mallory@example.com",
                            "firstName",
                            "Mallory https://evil.example/reset",
                            "lastName",
                            "www.evil.example",
                            "company",
                            "X")));
        }
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();
        api.post("/api/activation-mails", ApiClient.json(Map.of("userIds", List.of(id))));
        MimeMessage mail =
                Await.until(() -> mails("mallory@example.com"), m -> m.length > 0, Duration.ofSeconds(20))[0];
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        for (String body : List.of(text, html)) {
            assertFalse(body.contains("https://evil.example"), body);
            assertFalse(body.contains("www.evil.example"), body);
            assertTrue(body.contains("https[:]//evil.example") && body.contains("www[.]evil.example"), body);
        }
        String greeting =
                text.lines().filter(l -> l.startsWith("Hello ")).findFirst().orElseThrow();
        assertTrue(greeting.contains("Mallory") && greeting.contains("evil"), "the name stays on its line: " + text);
        assertEquals(
                1,
                text.lines().filter(l -> l.contains("/reset-password?token=")).count(),
                text);
    }

    private record User(String id, JsonNode json) {
        String recordIn(String application) {
            for (JsonNode link : json.path("applications")) {
                if (application.equals(link.path("application").asText())) {
                    return link.path("recordId").asText();
                }
            }
            throw new AssertionError("no " + application + " record: " + json);
        }
    }

    private User provisioned(String userName, String firstName) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        userName,
                        "email",
                        userName,
                        "firstName",
                        firstName,
                        "lastName",
                        "Tester",
                        "company",
                        "Acme")));
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();
        JsonNode user = Await.until(
                () -> api.get("/api/users/" + id).json(),
                u -> "provisioned".equals(u.path("onboardingStatus").asText()),
                Duration.ofSeconds(30));
        return new User(id, user);
    }

    /** Sends an activation mail and returns the token of its link, once the link is active. */
    private String newLink(User user) throws Exception {
        String address = user.json().path("email").asText();
        int before = mails(address).length;
        assertEquals(
                202,
                api.post("/api/activation-mails", ApiClient.json(Map.of("userIds", List.of(user.id()))))
                        .status());
        MimeMessage mail = Await.until(() -> mails(address), m -> m.length > before, Duration.ofSeconds(20))[before];
        Matcher link = LINK.matcher(part(mail, "text/plain"));
        assertTrue(link.find());
        String token = link.group(1);
        // the mail reaches the server just before the bundle records it as sent
        Await.until(
                () -> {
                    try {
                        return page(token).status();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                status -> status == 200,
                Duration.ofSeconds(10));
        return token;
    }

    private String csrf(String token) throws Exception {
        Matcher csrf = CSRF.matcher(page(token).body());
        assertTrue(csrf.find());
        return csrf.group(1);
    }

    private RawHttp.Answer page(String token) throws Exception {
        return RawHttp.get(port, "/reset-password?token=" + token, "localhost");
    }

    private RawHttp.Answer post(String target, String body) throws Exception {
        return RawHttp.send(port, "POST", target, "localhost", body, "Content-Type: application/x-www-form-urlencoded");
    }

    private static String form(String token, String csrf, String password, String confirm) {
        return "token=" + token + "&csrf=" + enc(csrf) + "&password=" + enc(password) + "&confirm=" + enc(confirm);
    }

    private MimeMessage[] mails(String to) {
        return CapturedMail.to(context, to);
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        return CapturedMail.part(mail, type);
    }

    private EmulatorClient emulator(String application) {
        return EmulatorClient.defaultOrg(context.getRegistry()
                .lookupByNameAndType("salesforceEmulator-" + application, SalesforceEmulator.class)
                .baseUrl());
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
