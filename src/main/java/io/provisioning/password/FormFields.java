package io.provisioning.password;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads the reset form's fields from an HTTP request (the url-encoded body, or the headers the HTTP server made of
 * it) and removes every request header, so no field (the password above all) stays on the exchange or is echoed in
 * the answer.
 */
final class FormFields {

    static final Set<String> NAMES = Set.of("token", "csrf", "password", "confirm");

    private FormFields() {
    }

    static Map<String, String> take(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, String> fields = new HashMap<>();
        String body = message.getBody(String.class);
        if (body != null && !body.isBlank()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (NAMES.contains(name)) {
                    fields.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        for (String name : NAMES) {
            if (!fields.containsKey(name) && message.getHeader(name) instanceof String value) {
                fields.put(name, value);
            }
        }
        message.removeHeaders("*");
        message.setBody(null);
        return fields;
    }

    /** The client's address, for rate limiting. */
    static String client(Exchange exchange) {
        Object address = exchange.getMessage().getHeader("CamelVertxPlatformHttpRemoteAddress");
        if (address == null) {
            return "unknown";
        }
        String text = address.toString();
        int colon = text.lastIndexOf(':');
        return colon > 0 ? text.substring(0, colon) : text;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
