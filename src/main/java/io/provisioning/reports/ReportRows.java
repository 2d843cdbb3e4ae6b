package io.provisioning.reports;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;

import io.provisioning.support.ExchangeKeys;

/**
 * Builds the report row of one operation from the exchange that carried it: the named parameters of the
 * {@code reports-write} route's insert.
 */
public class ReportRows {

    private static final int MAX_MESSAGE = 2000;

    public Map<String, Object> fromExchange(Exchange exchange) {
        Map<String, Object> row = new HashMap<>();
        row.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC));
        String identifier = exchange.getProperty(ExchangeKeys.USER_IDENTIFIER, "unknown", String.class);
        row.put("userIdentifier", identifier);
        row.put("userIdentifierKey", identifierKey(identifier));
        row.put("userId", exchange.getProperty(ExchangeKeys.USER_ID, String.class));
        row.put("application", exchange.getProperty(ExchangeKeys.APPLICATION, "unknown", String.class));
        row.put("operation", exchange.getProperty(ExchangeKeys.OPERATION, "unknown", String.class));
        row.put("status", exchange.getProperty(ExchangeKeys.REPORT_STATUS, "unknown", String.class));
        row.put("recordId", exchange.getProperty(ExchangeKeys.RECORD_ID, String.class));
        row.put("errorCode", exchange.getProperty(ExchangeKeys.ERROR_CODE, String.class));
        String message = exchange.getProperty(ExchangeKeys.ERROR_MESSAGE, String.class);
        row.put("errorMessage", message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE));
        row.put("source", exchange.getProperty(ExchangeKeys.SOURCE, String.class));
        row.put("requestId", exchange.getProperty(ExchangeKeys.REQUEST_ID, String.class));
        row.put("attempt", exchange.getProperty(ExchangeKeys.ATTEMPT, Integer.class));
        Long startedAt = exchange.getProperty(ExchangeKeys.STARTED_AT, Long.class);
        row.put("durationMs", startedAt == null ? null : (System.nanoTime() - startedAt) / 1_000_000);
        return row;
    }

    /** The identifier as the identifier filter matches it: exact, but case-insensitive. */
    public static String identifierKey(String identifier) {
        return identifier == null ? null : identifier.toLowerCase(java.util.Locale.ROOT);
    }
}
