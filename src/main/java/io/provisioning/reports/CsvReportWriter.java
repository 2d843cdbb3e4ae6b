package io.provisioning.reports;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Renders report rows as CSV (RFC 4180, CRLF line ends), safe to open in a spreadsheet: a cell that starts with
 * {@code = + - @}, a tab or a carriage return is prefixed with a single quote, so it is never taken as a formula.
 */
class CsvReportWriter {

    static final String HEADER = "occurred_at,identifier,application,operation,status,record_id,error_code,"
            + "error_message,source,request_id,attempt,duration_ms,retry_of\r\n";

    public String header() {
        return HEADER;
    }

    public String line(ReportRow row) {
        return Stream.of(
                        row.occurredAt(),
                        row.userIdentifier(),
                        row.application(),
                        row.operation(),
                        row.status(),
                        row.recordId(),
                        row.errorCode(),
                        row.errorMessage(),
                        row.source(),
                        row.requestId(),
                        row.attempt(),
                        row.durationMs(),
                        row.retryOf())
                .map(value -> cell(value == null ? null : Objects.toString(value)))
                .collect(Collectors.joining(",", "", "\r\n"));
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = io.provisioning.support.SpreadsheetSafe.text(value);
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
