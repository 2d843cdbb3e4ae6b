package io.provisioning.reports;

import io.provisioning.support.ExchangeKeys;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * Builds the report rows of an exchange: the named parameters of the {@code reports-write} route's insert. One row
 * from the exchange's properties, or, when the {@code reportRows} property holds a list of per-row overrides (e.g.
 * one per imported record), one row per entry, with the exchange's properties filling what an entry leaves out.
 */
public class ReportRows {

    public static final String REPORT_ROWS = "reportRows";
    /** Marks a row already inserted with the outcome it reports ({@link #store}): counted and logged, not inserted. */
    static final String STORED = "stored";

    private static final int MAX_MESSAGE = 2000;

    public List<Map<String, Object>> fromExchange(Exchange exchange) {
        Object overrides = exchange.getProperty(REPORT_ROWS);
        if (overrides instanceof List<?> list) {
            return list.stream().map(o -> row(exchange, (Map<?, ?>) o)).toList();
        }
        return List.of(row(exchange, Map.of()));
    }

    /** Holds an operation's rows while only those not yet inserted go to {@code reports-insert}. */
    private static final String ALL_ROWS = "provisioningReportRowsAll";

    /** Body: the rows of {@link #fromExchange}; @return those not yet inserted, for the {@code reports-insert} route */
    public List<Map<String, Object>> unstored(@Body List<Map<String, Object>> rows, Exchange exchange) {
        exchange.setProperty(ALL_ROWS, rows);
        return rows.stream().filter(row -> !row.containsKey(STORED)).toList();
    }

    /**
     * After the insert: the operation's rows again, whether inserted here or stored with their outcome, for the steps
     * that follow (outcome events, and steps an integration engineer adds, such as a failure webhook).
     */
    public List<Map<String, Object>> all(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = exchange.getProperty(ALL_ROWS, List.class);
        exchange.removeProperty(ALL_ROWS);
        List<Map<String, Object>> plain = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new HashMap<>(row);
            copy.remove(STORED);
            plain.add(copy);
        }
        return plain;
    }

    /**
     * Inserts the rows of {@code overrides} in the caller's transaction, the one that records the outcomes they report
     * (a crash between the two would keep an outcome without its row). @return the overrides marked as stored, to put
     * in {@link #REPORT_ROWS}: {@code reports-write} then counts and logs them without inserting them again
     */
    public static List<Map<String, Object>> store(
            Connection connection, Exchange exchange, List<Map<String, Object>> overrides) throws SQLException {
        ReportInsert.insert(
                connection, overrides.stream().map(o -> row(exchange, o)).toList());
        List<Map<String, Object>> stored = new ArrayList<>();
        for (Map<String, Object> override : overrides) {
            Map<String, Object> marked = new HashMap<>(override);
            marked.put(STORED, true);
            stored.add(marked);
        }
        return stored;
    }

    private static Map<String, Object> row(Exchange exchange, Map<?, ?> overrides) {
        Function<String, Object> value =
                key -> overrides.containsKey(key) ? overrides.get(key) : exchange.getProperty(key);
        Map<String, Object> row = new HashMap<>();
        if (overrides.containsKey(STORED)) {
            row.put(STORED, true);
        }
        row.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC));
        String identifier = text(value.apply(ExchangeKeys.USER_IDENTIFIER), "unknown");
        row.put("userIdentifier", identifier);
        row.put("userIdentifierKey", identifierKey(identifier));
        row.put("userId", text(value.apply(ExchangeKeys.USER_ID), null));
        row.put("application", text(value.apply(ExchangeKeys.APPLICATION), "unknown"));
        row.put("operation", text(value.apply(ExchangeKeys.OPERATION), "unknown"));
        row.put("status", text(value.apply(ExchangeKeys.REPORT_STATUS), "unknown"));
        row.put("recordId", text(value.apply(ExchangeKeys.RECORD_ID), null));
        row.put("errorCode", text(value.apply(ExchangeKeys.ERROR_CODE), null));
        String message = text(value.apply(ExchangeKeys.ERROR_MESSAGE), null);
        row.put(
                "errorMessage",
                message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE));
        row.put("source", text(value.apply(ExchangeKeys.SOURCE), null));
        row.put("requestId", text(value.apply(ExchangeKeys.REQUEST_ID), null));
        Object retryOf = value.apply(ExchangeKeys.RETRY_OF);
        row.put("retryOf", retryOf instanceof Number n ? n.longValue() : null);
        // not stored: for the operation log line, which joins the row to the request behind it
        row.put(
                "correlationId",
                text(value.apply(ExchangeKeys.CORRELATION_ID), text(value.apply(ExchangeKeys.REQUEST_ID), null)));
        Object attempt = value.apply(ExchangeKeys.ATTEMPT);
        row.put("attempt", attempt instanceof Number n ? n.intValue() : null);
        Object startedAt = exchange.getProperty(ExchangeKeys.STARTED_AT);
        row.put("durationMs", startedAt instanceof Long started ? (System.nanoTime() - started) / 1_000_000 : null);
        return row;
    }

    /** The identifier as the identifier filter matches it: exact, but case-insensitive. */
    public static String identifierKey(String identifier) {
        return identifier == null ? null : identifier.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The value as text; a NUL (which PostgreSQL refuses in text, e.g. from a garbage file's header) becomes a space.
     */
    private static String text(Object value, String fallback) {
        return value == null ? fallback : value.toString().replace('\u0000', ' ');
    }
}
