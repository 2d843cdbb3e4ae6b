package io.provisioning.reports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One stored report row, as the report API shows it. */
public record ReportRow(
        long id,
        Instant occurredAt,
        String userIdentifier,
        String application,
        String operation,
        String status,
        String recordId,
        String errorCode,
        String errorMessage,
        String source,
        String requestId,
        Integer attempt,
        Long durationMs,
        Long retryOf) {

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("occurredAt", occurredAt.toString());
        json.put("identifier", userIdentifier);
        json.put("application", application);
        json.put("operation", operation);
        json.put("status", status);
        json.put("recordId", recordId);
        json.put("errorCode", errorCode);
        json.put("errorMessage", errorMessage);
        json.put("source", source);
        json.put("requestId", requestId);
        json.put("attempt", attempt);
        json.put("durationMs", durationMs);
        // a re-driven item's rows name the failure row they retry
        json.put("retryOf", retryOf);
        return json;
    }
}
