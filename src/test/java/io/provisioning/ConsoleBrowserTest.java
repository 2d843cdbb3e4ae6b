package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.console.PasswordHash;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.Browser;
import io.provisioning.testsupport.CapturedMail;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console (issue 22) in headless Chromium, end to end against the emulator: sign-in and the cookie's flags,
 * sign-out, a user added in the console becoming a Lead, edit and delete with confirmation, verify showing the org
 * id, the mapping table and an import, an activation mail from the Onboarding tab arriving, a CSV upload whose job
 * finishes, the report page in the console's navigation, and an expired session that keeps the form's input. Each
 * screen is saved as a laptop-size screenshot (into {@code -Dconsole.screenshots}, default
 * {@code target/console-screenshots}; docs/console/ holds the committed ones).
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag(Browser.TAG)
class ConsoleBrowserTest {

    private static final String ADMIN_PASSWORD = "Quiet-Harbour-Lantern-88";
    private static final TestEnvironment ENV = TestEnvironment.create("console-browser")
            .withQuickInbox()
            .with("provisioning.console.users-file", usersFile().toString())
            .with("provisioning.inbox.max-file-bytes", "200000")
            .with("provisioning.mail.poll-interval-ms", "200")
            .asSystemProperties();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();
    // HTTP/1.1 as browsers speak it to a plain-HTTP server; an h2c connection reused after a refused upload got GOAWAY
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void startBrowser() {
        browser = Browser.start();
        // a laptop screen
        browser.manage().window().setSize(new Dimension(1366, 900));
        wait = new WebDriverWait(browser, WAIT);
        // the screens re-render live (job progress): an element read between two renders is found again
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.get(url("/console"));
        browser.manage().deleteAllCookies();
    }

    @Test
    void signInSetsAStrictHttpOnlyCookieAndSignOutEndsTheSession() throws Exception {
        browser.get(url("/console"));
        wait.until(d -> d.findElement(By.id("signin-form")).isDisplayed());
        screenshot("sign-in");
        // a wrong password is refused next to the form, and nothing is signed in
        browser.findElement(By.id("signin-user")).sendKeys("admin");
        browser.findElement(By.id("signin-password")).sendKeys("wrong password here");
        browser.findElement(By.id("signin-submit")).click();
        wait.until(d -> d.findElement(By.id("signin-error")).getText().contains("wrong"));
        assertTrue(browser.manage().getCookieNamed("provisioning_console") == null);

        browser.findElement(By.id("signin-password")).clear();
        browser.findElement(By.id("signin-password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.id("signin-submit")).click();
        wait.until(d -> d.findElement(By.id("who-name")).getText().contains("admin"));
        Cookie cookie = browser.manage().getCookieNamed("provisioning_console");
        assertNotNull(cookie);
        assertTrue(cookie.isHttpOnly());
        assertEquals("Strict", cookie.getSameSite());
        assertFalse(cookie.isSecure()); // plain http here; Secure over https (ConsoleAuthTest)
        assertEquals("/", cookie.getPath());
        // no script of the page can read it
        assertEquals("", ((JavascriptExecutor) browser).executeScript("return document.cookie"));
        assertEquals(200, get("/api/users", cookie.getValue()).statusCode());

        browser.findElement(By.id("signout")).click();
        wait.until(d -> d.findElement(By.id("signin-form")).isDisplayed());
        assertEquals(401, get("/api/users", cookie.getValue()).statusCode());
    }

    @Test
    void aChangeWithoutTheCsrfValueIsRefused() throws Exception {
        Session session = signInOverHttp();
        String user = "{\"userName\":\"csrf@example.com\",\"email\":\"csrf@example.com\",\"lastName\":\"Csrf\","
                + "\"company\":\"Acme\"}";
        assertEquals(
                403, send("POST", "/api/users", user, session.cookie(), null).statusCode());
        assertEquals(
                403,
                send("POST", "/api/users", user, session.cookie(), "not-the-value")
                        .statusCode());
        assertEquals(404, api.get("/api/users/none").status()); // nothing made, and the token still works
        assertEquals(0, api.get("/api/users?q=csrf@").json().get("users").size());
        assertEquals(
                201,
                send("POST", "/api/users", user, session.cookie(), session.csrf())
                        .statusCode());
        // a cross-site form cannot sign in: sign-in takes JSON only
        HttpResponse<String> form = http.send(
                HttpRequest.newBuilder(URI.create(url("/console/session")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + TestEnvironment.API_TOKEN))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, form.statusCode());
        assertTrue(form.headers().firstValue("Set-Cookie").isEmpty());
        // sign-out needs the CSRF value too
        assertEquals(
                403,
                send("DELETE", "/console/session", null, session.cookie(), null).statusCode());
        assertEquals(200, get("/api/users", session.cookie()).statusCode());
    }

    @Test
    void aUserAddedInTheConsoleBecomesALeadAndCanBeEditedAndDeleted() {
        signIn();
        open("users");
        browser.findElement(By.id("user-add")).click();
        type("user-userName", "ada.console@example.com");
        type("user-email", "ada.console@example.com");
        type("user-firstName", "Ada");
        type("user-lastName", "Lovelace");
        // the API's own message, next to the company field
        browser.findElement(By.id("user-save")).click();
        wait.until(d -> !d.findElement(By.id("user-company-error")).getText().isEmpty());
        assertEquals("true", browser.findElement(By.id("user-company")).getAttribute("aria-invalid"));
        screenshot("users-add-error");

        type("user-company", "Analytical Engines");
        // a double click sends one request: the second would answer 409 on the page
        new Actions(browser)
                .doubleClick(browser.findElement(By.id("user-save")))
                .perform();
        wait.until(d -> d.findElement(By.id("user-detail-title")).getText().equals("ada.console@example.com"));
        String leadId = waitForRecordId("ada.console@example.com");
        assertTrue(leadId.startsWith("00Q"), leadId);
        JsonNode lead = EmulatorClient.defaultOrg(context).record("Lead", leadId);
        assertEquals("Lovelace", lead.get("LastName").asText());
        assertEquals("Analytical Engines", lead.get("Company").asText());
        assertEquals(1, api.get("/api/users?q=ada.console").json().get("users").size());
        browser.findElement(By.id("detail-edit")).click();
        browser.findElement(By.id("user-company")).clear();
        type("user-company", "Difference Engines");
        browser.findElement(By.id("user-save")).click();
        wait.until(d -> d.findElement(By.id("user-detail")).getText().contains("Difference Engines"));
        Await.until(
                () -> EmulatorClient.defaultOrg(context)
                        .record("Lead", leadId)
                        .get("Company")
                        .asText(),
                "Difference Engines"::equals,
                WAIT);
        screenshot("users");

        browser.findElement(By.id("detail-edit")).click();
        browser.findElement(By.id("user-delete")).click();
        wait.until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
        screenshot("users-delete-confirm");
        browser.findElement(By.id("confirm-yes")).click();
        wait.until(d -> d.findElement(By.id("user-detail")).getText().contains("Deleted"));
        Await.until(
                () -> EmulatorClient.defaultOrg(context).recordStatus("Lead", leadId), status -> status == 404, WAIT);
    }

    @Test
    void searchAndPagingFindUsers() {
        for (int i = 0; i < 55; i++) {
            api.post(
                    "/api/users",
                    ApiClient.json(Map.of(
                            "userName",
                            "page" + i + "@paging.example",
                            "email",
                            "page" + i + "@paging.example",
                            "lastName",
                            "Pager",
                            "company",
                            "Paging Co")));
        }
        signIn();
        open("users");
        type("user-search", "page");
        browser.findElement(By.id("user-search-submit")).click();
        // the unfiltered first page may render before the search's: wait for the search's rows, then page on; the
        // pager is drawn again with each page, so a click on the one just replaced is tried again
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#users-table tbody tr"));
            return rows.size() == 50 && rows.stream().allMatch(r -> r.getText().contains("@paging.example"));
        });
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.id("users-next")).click();
            return true;
        });
        wait.ignoring(StaleElementReferenceException.class)
                .until(d ->
                        d.findElements(By.cssSelector("#users-table tbody tr")).size() == 5);
        assertEquals("51–55", browser.findElement(By.id("users-page")).getText());
    }

    @Test
    void verifyShowsTheOrgIdTheMappingIsATableAndImportShowsProgress() {
        signIn();
        open("applications");
        wait.until(d ->
                d.findElements(By.cssSelector("#mapping-salesforce tbody tr")).size() > 3);
        List<String> targets =
                browser.findElements(By.cssSelector("#mapping-salesforce tbody tr td:first-child")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertTrue(targets.contains("LastName") && targets.contains("Company"), targets.toString());
        browser.findElement(By.id("verify-salesforce")).click();
        wait.until(d -> d.findElement(By.id("verify-org-salesforce")).getText().matches("00D[A-Za-z0-9]{15}"));
        EmulatorClient.defaultOrg(context)
                .create(
                        "Lead",
                        "{\"LastName\":\"Imported\",\"Company\":\"Org\",\"Email\":\"imported.console@example.com\"}");
        browser.findElement(By.id("import-salesforce")).click();
        wait.until(d -> d.findElements(By.cssSelector("#import-progress-salesforce [data-job-status='completed']"))
                        .size()
                == 1);
        assertTrue(browser.findElement(By.id("import-progress-salesforce"))
                .getText()
                .contains("read"));
        assertEquals(
                1, api.get("/api/users?q=imported.console").json().get("users").size());
        screenshot("applications");
    }

    @Test
    void anActivationMailSentFromTheOnboardingTabArrives() throws Exception {
        String id = api.post(
                        "/api/users",
                        ApiClient.json(Map.of(
                                "userName", "grace.onboarding@example.com",
                                "email", "grace.onboarding@example.com",
                                "lastName", "Hopper",
                                "company", "Navy")))
                .json()
                .get("id")
                .asText();
        Await.until(
                () -> api.get("/api/users/" + id).json().get("onboardingStatus").asText(), "provisioned"::equals, WAIT);
        signIn();
        open("onboarding");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("onboarding-status")))
                .selectByValue("provisioned");
        browser.findElement(By.id("onboarding-load")).click();
        By row = By.cssSelector("#onboarding-table tr[data-user='grace.onboarding@example.com'] input.pick");
        wait.until(d -> !d.findElements(row).isEmpty());
        browser.findElement(row).click();
        screenshot("onboarding");
        browser.findElement(By.id("onboarding-send")).click();
        wait.until(d -> d.findElement(By.id("onboarding-queued")).getText().equals("1 queued"));
        assertEquals(
                "0 skipped", browser.findElement(By.id("onboarding-skipped")).getText());
        Await.until(() -> CapturedMail.to(context, "grace.onboarding@example.com").length, n -> n == 1, WAIT);
        // sent again to the same user, all with status invited: queued again, and the count says so
        Await.until(
                () -> api.get("/api/users/" + id).json().get("onboardingStatus").asText(), "invited"::equals, WAIT);
    }

    @Test
    void anUploadedCsvIsImportedAndItsResultFileOffered() throws Exception {
        Path csv = Files.createTempFile("console-upload", ".csv");
        Files.writeString(
                csv,
                "userName,email,firstName,lastName,company,action\n"
                        + "lin.upload@example.com,lin.upload@example.com,Lin,Upload,Acme,upsert\n"
                        + "bad.upload@example.com,not-an-address,Bad,Upload,Acme,create\n");
        Path named = csv.resolveSibling("console-users.csv");
        Files.move(csv, named, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        signIn();
        open("files");
        browser.findElement(By.id("file-input")).sendKeys(named.toAbsolutePath().toString());
        browser.findElement(By.id("file-upload")).click();
        wait.until(d -> d.findElement(By.id("file-status")).getText().contains("is in the inbox"));
        By status = By.cssSelector("#files-table tr[data-file='console-users.csv'] .job-status");
        wait.until(d -> !d.findElements(status).isEmpty()
                && d.findElement(status).getText().equals("completed"));
        By result = By.cssSelector("#files-table tr[data-file='console-users.csv'] a.result");
        wait.until(d -> !d.findElements(result).isEmpty());
        screenshot("bulk-files");
        String href = browser.findElement(result).getAttribute("href");
        HttpResponse<String> download = http.send(
                HttpRequest.newBuilder(URI.create(href))
                        .header("Authorization", "Bearer " + TestEnvironment.API_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, download.statusCode());
        assertTrue(download.body().contains("lin.upload@example.com"), download.body());
        assertTrue(download.body().contains("bad.upload@example.com"), download.body());

        // over the size limit: refused from its Content-Length before a byte of the body is read
        String early = rawUpload("big.csv", "Content-Length: 300000\r\n", false);
        assertTrue(early.startsWith("HTTP/1.1 413"), early);
        // sent in chunks (no length known ahead): refused once the count passes the limit, the partial file deleted
        String streamed = rawUpload("big.csv", "Transfer-Encoding: chunked\r\n", true);
        assertTrue(streamed.startsWith("HTTP/1.1 413"), streamed);
        Await.until(
                () -> {
                    try (var files = Files.list(ENV.inbox())) {
                        return files.map(p -> p.getFileName().toString())
                                .filter(n -> n.startsWith("big") || n.endsWith(".part"))
                                .toList();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                List::isEmpty,
                WAIT);
        // no credential, no upload
        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(URI.create(url("/api/bulk-files?name=anon.csv")))
                        .POST(HttpRequest.BodyPublishers.ofString("userName\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void anExpiredSessionReturnsToSignInAndKeepsTheForm() throws Exception {
        signIn();
        open("users");
        browser.findElement(By.id("user-add")).click();
        type("user-userName", "kept.input@example.com");
        type("user-email", "kept.input@example.com");
        type("user-lastName", "Kept");
        type("user-company", "Input Ltd");
        // the session ends on the server (here: signed out from elsewhere with the same cookie)
        String cookie = browser.manage().getCookieNamed("provisioning_console").getValue();
        String csrf = JSON.readTree(get("/console/session", cookie).body())
                .get("csrfToken")
                .asText();
        assertEquals(200, send("DELETE", "/console/session", null, cookie, csrf).statusCode());

        browser.findElement(By.id("user-save")).click();
        wait.until(d -> d.findElement(By.id("signin-expired")).isDisplayed());
        screenshot("session-expired");
        type("signin-token", TestEnvironment.API_TOKEN);
        browser.findElement(By.id("signin-submit")).click();
        // the interrupted save goes on with what was typed
        wait.until(d -> d.findElement(By.id("user-detail-title")).getText().equals("kept.input@example.com"));
        assertEquals(
                "Input Ltd",
                api.get("/api/users?q=kept.input")
                        .json()
                        .get("users")
                        .get(0)
                        .get("company")
                        .asText());
    }

    @Test
    void theReportPageIsInTheConsoleNavigation() throws Exception {
        Reports.insert(
                context.getRegistry().lookupByNameAndType("dataSource", javax.sql.DataSource.class),
                java.time.Instant.now().minusSeconds(60),
                "report.nav@example.com",
                "salesforce",
                "create",
                "success",
                null);
        signIn();
        browser.findElement(By.id("nav-reports")).click();
        wait.until(d -> d.findElements(By.id("console-back")).size() == 1);
        wait.until(d -> !d.findElements(By.cssSelector("#rows tbody tr")).isEmpty());
        screenshot("reports");
        browser.findElement(By.id("console-back")).click();
        wait.until(d -> d.findElement(By.id("who-name")).isDisplayed());
    }

    private void signIn() {
        browser.get(url("/console"));
        wait.until(d -> d.findElement(By.id("signin-form")).isDisplayed());
        type("signin-token", TestEnvironment.API_TOKEN);
        browser.findElement(By.id("signin-submit")).click();
        wait.until(d -> d.findElement(By.id("who-name")).isDisplayed());
    }

    private void open(String view) {
        browser.findElement(By.cssSelector("nav a[data-view='" + view + "']")).click();
        wait.until(d -> "page"
                .equals(d.findElement(By.cssSelector("nav a[data-view='" + view + "']"))
                        .getAttribute("aria-current")));
    }

    private void type(String id, String text) {
        browser.findElement(By.id(id)).sendKeys(text);
    }

    private String waitForRecordId(String userName) {
        return Await.until(
                        () -> {
                            browser.findElement(By.id("user-search-submit")).click();
                            // read in one script: the table is replaced by every search
                            Object text = ((JavascriptExecutor) browser)
                                    .executeScript("var e = document.querySelector(\"#users-table tr[data-user='"
                                            + userName + "'] .record-id\"); return e ? e.textContent : '';");
                            return String.valueOf(text);
                        },
                        text -> !text.isEmpty(),
                        WAIT)
                .strip();
    }

    private void screenshot(String name) {
        Path folder = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Session(String cookie, String csrf) {}

    private Session signInOverHttp() throws Exception {
        HttpResponse<String> response =
                send("POST", "/console/session", "{\"token\":\"" + TestEnvironment.API_TOKEN + "\"}", null, null);
        assertEquals(200, response.statusCode(), response.body());
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        String value = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        return new Session(
                value, JSON.readTree(response.body()).get("csrfToken").asText());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Cookie", "provisioning_console=" + cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body, String cookie, String csrf)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (cookie != null) {
            request.header("Cookie", "provisioning_console=" + cookie);
        }
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An upload over a plain socket, so the test sees the answer even though the server stops reading. */
    private static String rawUpload(String name, String lengthHeader, boolean chunks) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", ENV.httpPort())) {
            socket.setSoTimeout(60_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/bulk-files?name=" + name + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + TestEnvironment.API_TOKEN + "\r\nContent-Type: text/csv\r\n" + lengthHeader + "\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            if (chunks) {
                byte[] chunk = new byte[32 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                try {
                    for (int i = 0; i < 20; i++) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (IOException closedByTheServer) {
                    // expected: the server closes the connection after its 413
                }
            }
            byte[] answer = socket.getInputStream().readNBytes(12);
            return new String(answer, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + ENV.httpPort() + path;
    }

    private static Path usersFile() {
        try {
            Path file = Files.createTempFile("console-users", ".txt");
            Files.writeString(
                    file, "# test console users\nadmin:" + PasswordHash.hash(ADMIN_PASSWORD.toCharArray()) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
