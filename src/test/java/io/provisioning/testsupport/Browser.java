package io.provisioning.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium with a fresh profile, through the chromedriver named by {@code -Dwebdriver.chrome.driver}
 * (default {@code /usr/bin/chromedriver}). Tests that use it carry the tag {@code browser}, which
 * {@code -DskipBrowserTests} excludes.
 */
public final class Browser {

    /** The JUnit tag of the tests that need Chromium. */
    public static final String TAG = "browser";

    private Browser() {}

    public static ChromeDriver start() {
        Path driver = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(driver)) {
            throw new IllegalStateException("This test drives headless Chromium, but there is no chromedriver at "
                    + driver + ": install it (Debian: apt-get install -y chromium chromium-driver), point"
                    + " -Dwebdriver.chrome.driver=<path> at yours, or skip the browser tests with -DskipBrowserTests");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            options.setBinary("/usr/bin/chromium");
        }
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
