package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.testsupport.Browser;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report page in headless Chromium: the token is asked for, the identifier filter shows the seeded rows and the
 * chart's bars, and an identifier that contains markup is shown as text, never run.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag(Browser.TAG)
class ReportPageBrowserTest {

    private static final TestEnvironment ENV =
            TestEnvironment.create("report-page-browser").asSystemProperties();
    private static final String HOSTILE =
            "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">@example.com";

    @BeanInject
    CamelContext context;

    private WebDriver browser;

    @Test
    void filtersByIdentifierShowsRowsAndBarsAndEscapesMarkup() throws Exception {
        DataSource db = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        Instant now = Instant.now();
        Reports.insert(
                db, now.minus(3, ChronoUnit.HOURS), "grace@example.com", "salesforce", "create", "retrying", "503");
        Reports.insert(
                db, now.minus(2, ChronoUnit.HOURS), "grace@example.com", "salesforce", "create", "success", null);
        Reports.insert(db, now.minus(1, ChronoUnit.HOURS), "other@example.com", "salesforce", "create", "failure", "x");
        Reports.insert(
                db, now.minus(30, ChronoUnit.MINUTES), HOSTILE, "salesforce", "create", "failure", "<b>bold</b>");

        browser = startBrowser();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get("http://127.0.0.1:" + ENV.httpPort() + "/reports");
        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys(TestEnvironment.API_TOKEN);
        browser.findElement(By.id("token-save")).click();
        wait.until(d -> d.findElements(By.cssSelector("#rows tbody tr")).size() == 4);

        browser.findElement(By.id("identifier")).sendKeys("GRACE@example.com");
        browser.findElement(By.id("search")).click();
        wait.until(d -> d.findElements(By.cssSelector("#rows tbody tr")).size() == 2);
        List<WebElement> rows = browser.findElements(By.cssSelector("#rows tbody tr"));
        assertEquals(
                "grace@example.com",
                rows.get(0).findElements(By.tagName("td")).get(1).getText());
        assertEquals(
                "success", rows.get(0).findElements(By.tagName("td")).get(4).getText());
        assertEquals(
                "retrying", rows.get(1).findElements(By.tagName("td")).get(4).getText());
        assertEquals("success 1", browser.findElement(By.id("total-success")).getText());
        wait.until(d -> d.findElements(By.cssSelector("#chart rect.bar")).size() == 2);
        List<String> barStatuses = browser.findElements(By.cssSelector("#chart rect.bar")).stream()
                .map(bar -> bar.getAttribute("data-status"))
                .sorted()
                .toList();
        assertEquals(List.of("retrying", "success"), barStatuses);

        WebElement identifier = browser.findElement(By.id("identifier"));
        identifier.clear();
        identifier.sendKeys(HOSTILE);
        browser.findElement(By.id("search")).click();
        wait.until(d -> d.findElements(By.cssSelector("#rows tbody tr")).size() == 1);
        WebElement cell = browser.findElement(By.cssSelector("#rows tbody tr td:nth-child(2)"));
        assertEquals(HOSTILE, cell.getText());
        assertTrue(browser.findElements(By.cssSelector("#rows script, #rows img, #rows b"))
                .isEmpty());
        assertEquals(
                null, ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.pwned || null"));
        assertEquals(
                1,
                browser.findElements(By.cssSelector("#chart rect.bar[data-status='failure']"))
                        .size());
    }

    @Test
    void aWrongTokenIsReportedOnThePage() throws Exception {
        if (browser == null) {
            browser = startBrowser();
        }
        browser.get("http://127.0.0.1:" + ENV.httpPort() + "/reports");
        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys("wrong-token");
        browser.findElement(By.id("token-save")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("error")).getText().contains("token is missing or wrong"));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static WebDriver startBrowser() {
        return Browser.start();
    }
}
