package io.provisioning.reports;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code /api/reports}: parses the filters from the query parameters, and answers a JSON page, a CSV stream of the
 * whole selection, or the histogram of the selection.
 */
public class ReportResource {

    /** The query parameters this resource reads; removed from the message so they are not echoed as headers. */
    static final List<String> PARAMETERS = List.of(
            "identifier", "application", "operation", "status", "from", "to", "page", "size", "bucket", "format");

    private final ReportQueryParser parser;
    private final ReportRepository repository;
    private final CsvReportWriter csv = new CsvReportWriter();

    public ReportResource(ReportQueryParser parser, ReportRepository repository) {
        this.parser = parser;
        this.repository = repository;
    }

    /** CSV when {@code format=csv} or when the client accepts {@code text/csv} (and not JSON first). */
    public boolean wantsCsv(Exchange exchange) {
        Message message = exchange.getMessage();
        String format = message.getHeader("format", String.class);
        if (format != null && !format.isBlank()) {
            return "csv".equalsIgnoreCase(format.trim());
        }
        String accept = message.getHeader("Accept", String.class);
        return accept != null && accept.toLowerCase(Locale.ROOT).startsWith("text/csv");
    }

    public Map<String, Object> list(Exchange exchange) {
        return repository.page(query(exchange)).toJson();
    }

    /** Sets the CSV headers; the body streams the rows from the database as the client reads. */
    public ReportCsvStream csv(Exchange exchange) {
        ReportQuery query = query(exchange);
        Message message = exchange.getMessage();
        message.setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=utf-8");
        message.setHeader("Content-Disposition", "attachment; filename=\"provisioning-report.csv\"");
        return new ReportCsvStream(repository.cursor(query), csv);
    }

    public Map<String, Object> histogram(Exchange exchange) {
        ReportQuery query = query(exchange);
        ReportQuery.Bucket bucket = query.bucket() != null
                ? query.bucket()
                : Duration.between(query.from(), query.to()).compareTo(Duration.ofDays(3)) <= 0
                        ? ReportQuery.Bucket.HOUR
                        : ReportQuery.Bucket.DAY;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", query.from().toString());
        json.put("to", query.to().toString());
        json.put("bucket", bucket.name().toLowerCase(Locale.ROOT));
        json.put(
                "buckets",
                repository.histogram(query, bucket).entrySet().stream()
                        .map(entry -> {
                            Map<String, Object> b = new LinkedHashMap<>();
                            b.put("start", entry.getKey().toString());
                            b.putAll(entry.getValue());
                            return b;
                        })
                        .toList());
        return json;
    }

    private ReportQuery query(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : PARAMETERS) {
            String value = message.getHeader(name, String.class);
            if (value != null) {
                parameters.put(name, value);
            }
            message.removeHeader(name);
        }
        return parser.parse(parameters::get);
    }
}
