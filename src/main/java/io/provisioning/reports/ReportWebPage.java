package io.provisioning.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The report page {@code GET /reports}: one self-contained HTML file (inline CSS and JS, no external assets). It
 * holds no data: the browser asks for the API token and calls {@code /api/reports} with it. A strict
 * Content-Security-Policy with a fresh nonce per answer lets only the page's own inline script and style run.
 */
public class ReportWebPage {

    static final String RESOURCE = "reports/report-page.html";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String template;

    public ReportWebPage() {
        try (InputStream in = ReportWebPage.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String html(Exchange exchange) {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        Message message = exchange.getMessage();
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        message.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce
                + "'; style-src 'nonce-" + nonce + "'; connect-src 'self'; img-src 'self' data:; base-uri 'none';"
                + " form-action 'none'; frame-ancestors 'none'");
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("Cache-Control", "no-store");
        return template.replace("{{nonce}}", nonce);
    }
}
