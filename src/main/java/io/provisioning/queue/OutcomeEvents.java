package io.provisioning.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.support.ExchangeKeys;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * Turns the report row of a finished provisioning operation into the JSON event published to
 * {@code provisioning.events}, grouped (JMSXGroupID) by the lower-cased user identifier like the requests.
 */
public class OutcomeEvents {

    private static final String RETRYING = "retrying";
    private static final List<String> FIELDS = List.of(
            "userId",
            "userIdentifier",
            "application",
            "operation",
            "status",
            "recordId",
            "errorCode",
            "errorMessage",
            "source",
            "requestId",
            "attempt");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Which operations become events (asked by {@code reports-write}): Salesforce writes of outbox work that are
     * finished, i.e. succeeded, skipped or failed for good; an attempt that will be retried is no outcome yet.
     */
    public static boolean isFinishedWrite(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.OUTBOX_ITEM) != null
                && !RETRYING.equals(exchange.getProperty(ExchangeKeys.REPORT_STATUS, String.class));
    }

    public String toJson(@Body Map<String, Object> row, Exchange exchange) throws JsonProcessingException {
        Map<String, Object> event = new LinkedHashMap<>();
        Object at = row.get("occurredAt");
        event.put("occurredAt", at instanceof OffsetDateTime time ? time.toString() : at);
        for (String field : FIELDS) {
            event.put(field, row.get(field));
        }
        Object identifier = row.get("userIdentifier");
        if (identifier != null) {
            exchange.getMessage().setHeader("JMSXGroupID", identifier.toString().toLowerCase(Locale.ROOT));
        }
        return JSON.writeValueAsString(event);
    }
}
