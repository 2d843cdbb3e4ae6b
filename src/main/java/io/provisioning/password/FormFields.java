package io.provisioning.password;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads the reset form's fields from the body of an HTTP request only (url-encoded, as text or as the map the HTTP
 * server made of it; never from headers or the query string, where a password would end up in logs and history)
 * and removes every request header, so no field (the password above all) stays on the exchange or is echoed.
 */
final class FormFields {

    static final Set<String> NAMES = Set.of("token", "csrf", "password", "confirm");

    private FormFields() {}

    static Map<String, String> take(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, String> fields = new HashMap<>();
        if (message.getBody() instanceof Map<?, ?> form) {
            // a field sent twice arrives as a list: taken as missing
            for (String name : NAMES) {
                if (form.get(name) instanceof String value) {
                    fields.put(name, value);
                }
            }
        } else if (message.getBody(String.class) != null
                && !message.getBody(String.class).isBlank()) {
            for (String pair : message.getBody(String.class).split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (NAMES.contains(name)) {
                    fields.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        message.removeHeaders("*");
        message.setBody(null);
        return fields;
    }

    /** Whether the query string carries any of the form's fields (refused: fields come only in the body). */
    static boolean inQuery(Exchange exchange) {
        String query = exchange.getMessage().getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        if (query == null || query.isBlank()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (NAMES.contains(decode(eq < 0 ? pair : pair.substring(0, eq)))) {
                return true;
            }
        }
        return false;
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
