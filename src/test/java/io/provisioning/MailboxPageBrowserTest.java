package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.Browser;
import io.provisioning.testsupport.CapturedMail;
import io.provisioning.testsupport.TestEnvironment;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The mailbox viewer in headless Chromium: the page loads without the token and holds no mail; once the API token is
 * entered it shows the activation mail's reset link (fetched from /api/mailbox with the token); a wrong token shows
 * an error and no mail.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag(Browser.TAG)
class MailboxPageBrowserTest {

    private static final TestEnvironment ENV =
            TestEnvironment.create("mailbox-page-browser").asSystemProperties();
    private static final Pattern LINK = Pattern.compile("(http://\\S+/reset-password\\?token=([A-Za-z0-9_-]+))");

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();
    private WebDriver browser;

    @Test
    void theTokenOpensTheMailsAndWithoutItThePageHoldsNone() throws Exception {
        String userId = api.post(
                        "/api/users",
                        ApiClient.json(Map.of(
                                "userName",
                                "grace@example.com",
                                "email",
                                "grace@example.com",
                                "firstName",
                                "Grace",
                                "lastName",
                                "Hopper",
                                "company",
                                "Navy")))
                .json()
                .path("id")
                .asText();
        ApiClient.Response queued =
                api.post("/api/activation-mails", ApiClient.json(Map.of("userIds", List.of(userId))));
        assertEquals(202, queued.status(), queued.body());
        var mail = Await.until(
                () -> CapturedMail.to(context, "grace@example.com"), m -> m.length == 1, Duration.ofSeconds(30))[0];
        Matcher matcher = LINK.matcher(CapturedMail.part(mail, "text/plain"));
        assertTrue(matcher.find());
        String link = matcher.group(1);
        String secret = matcher.group(2);

        // the page itself: no token needed, no mail in it, a strict CSP without inline handlers
        ApiClient.Response shell = api.getWithoutToken("/mailbox");
        assertEquals(200, shell.status(), shell.body());
        assertFalse(shell.body().contains(secret) || shell.body().contains("grace@example.com"), shell.body());
        HttpResponse<String> headers = api.getWithHeaders("/mailbox");
        String csp = headers.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'nonce-") && !csp.contains("unsafe-inline"), csp);
        assertFalse(
                Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE)
                        .matcher(shell.body())
                        .find(),
                "no inline event handlers");
        // the mails: only with the token
        assertEquals(401, api.getWithoutToken("/api/mailbox").status());
        assertTrue(api.get("/api/mailbox").body().contains(secret));

        browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get("http://127.0.0.1:" + ENV.httpPort() + "/mailbox");
        wait.until(d -> d.findElement(By.id("token-save")).isDisplayed());
        assertFalse(browser.getPageSource().contains(secret), "no mail before the token is entered");
        assertTrue(browser.findElements(By.cssSelector("#mails tbody tr")).isEmpty());

        browser.findElement(By.id("token")).sendKeys(TestEnvironment.API_TOKEN);
        browser.findElement(By.id("token-save")).click();
        wait.until(d -> d.findElements(By.cssSelector("#mails tbody a")).size() == 1);
        assertEquals(link, browser.findElement(By.cssSelector("#mails tbody a")).getAttribute("href"));
        assertEquals(
                "grace@example.com",
                browser.findElement(By.cssSelector("#mails tbody td:nth-child(2)"))
                        .getText());
        assertEquals(
                "Activate your account",
                browser.findElement(By.cssSelector("#mails tbody td:nth-child(3)"))
                        .getText());

        // a wrong token: the error, and the mails are gone from the page
        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys("wrong-token");
        browser.findElement(By.id("token-save")).click();
        wait.until(d -> d.findElement(By.id("error")).getText().contains("token is missing or wrong"));
        assertTrue(browser.findElements(By.cssSelector("#mails tbody tr")).isEmpty());
        assertFalse(browser.getPageSource().contains(secret));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }
}
