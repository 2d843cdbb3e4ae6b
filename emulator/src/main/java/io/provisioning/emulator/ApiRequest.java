package io.provisioning.emulator;

import java.util.List;
import java.util.Map;

/** A decoded HTTP request. {@code segments} are the URL-decoded path segments, without empty ones. */
record ApiRequest(
        String method,
        String path,
        List<String> segments,
        Map<String, String> query,
        Map<String, List<String>> headers,
        byte[] body) {

    String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null
                    && e.getKey().equalsIgnoreCase(name)
                    && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    String param(String name) {
        return query.get(name);
    }

    String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
