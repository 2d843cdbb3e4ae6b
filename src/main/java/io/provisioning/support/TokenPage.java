package io.provisioning.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * A page that holds no data and so needs no token to load (/reports, /mailbox): the browser asks for the API token
 * and fetches the data with it from /api/*. The token handling ({@code pages/api-token.js}) is written once and
 * inlined into every such page at {@code {{apiTokenScript}}}, so the pages stay self-contained (no extra open path
 * for a script file). A strict Content-Security-Policy with a fresh nonce per answer lets only the page's own inline
 * scripts and style run: no inline handlers, nothing injected.
 */
public final class TokenPage {

    static final String TOKEN_SCRIPT = "pages/api-token.js";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String template;

    /** @param resource the page's HTML on the class path, with {@code {{nonce}}} and {@code {{apiTokenScript}}} */
    public TokenPage(String resource) {
        this.template = load(resource).replace("{{apiTokenScript}}", load(TOKEN_SCRIPT));
    }

    public String render(Exchange exchange) {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        Message message = exchange.getMessage();
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        message.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'nonce-" + nonce
                        + "'; style-src 'nonce-" + nonce
                        + "'; connect-src 'self'; img-src 'self' data:; base-uri 'none';"
                        + " form-action 'none'; frame-ancestors 'none'");
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("Cache-Control", "no-store");
        return template.replace("{{nonce}}", nonce);
    }

    private static String load(String resource) {
        try (InputStream in = TokenPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
