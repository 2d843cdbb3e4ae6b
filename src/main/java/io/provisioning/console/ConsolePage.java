package io.provisioning.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;

/**
 * The console's files: {@code GET /console} (the page) and {@code GET /console/assets/{file}} (its JavaScript modules
 * and style sheet, from {@code console/} on the class path). They hold no data and load without a credential; the
 * page signs in and then calls {@code /api}. A strict Content-Security-Policy lets only these files run: no inline
 * script or style, no other origin, no framing.
 */
public final class ConsolePage {

    static final String FOLDER = "console/";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    /** Plain file names only: nothing with a slash or dots before the extension can name another resource. */
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]{1,64}\\.(js|css)");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public byte[] page(Exchange exchange) {
        headers(exchange.getMessage(), "text/html; charset=utf-8");
        return load("console.html");
    }

    public byte[] asset(@Header("file") String file, Exchange exchange) {
        if (file == null || !ASSET.matcher(file).matches() || load(file) == null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            headers(exchange.getMessage(), "text/plain; charset=utf-8");
            return "Not found".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        headers(
                exchange.getMessage(),
                file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
        return load(file);
    }

    private static void headers(Message message, String contentType) {
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader("Content-Security-Policy", CSP);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("X-Frame-Options", "DENY");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("Cache-Control", "no-store");
    }

    private byte[] load(String name) {
        byte[] cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = ConsolePage.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            cache.put(name, bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
