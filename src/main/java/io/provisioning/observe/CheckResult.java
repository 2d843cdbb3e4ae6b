package io.provisioning.observe;

import io.provisioning.support.Redaction;
import java.util.LinkedHashMap;
import java.util.Map;

/** The state of one dependency: UP, or DOWN with the reason. */
public record CheckResult(boolean up, String reason) {

    private static final int MAX_REASON = 300;

    public static CheckResult ok() {
        return new CheckResult(true, null);
    }

    public static CheckResult down(String reason) {
        // the health answer is open: a driver's message may quote a connection URL with its password
        String text = reason == null || reason.isBlank() ? "unknown" : Redaction.redact(reason);
        return new CheckResult(false, text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON));
    }

    /** A failed check, with the exception's message (or its type when it has none). */
    public static CheckResult down(Throwable failure) {
        String message = failure.getMessage();
        return down(message == null ? failure.getClass().getSimpleName() : message);
    }

    public String status() {
        return up ? "UP" : "DOWN";
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status());
        if (reason != null) {
            map.put("reason", reason);
        }
        return map;
    }
}
