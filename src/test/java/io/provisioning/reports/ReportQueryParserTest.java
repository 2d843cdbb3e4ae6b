package io.provisioning.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.provisioning.requests.FieldError;
import io.provisioning.requests.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportQueryParserTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private final ReportQueryParser parser = new ReportQueryParser(Clock.fixed(NOW, ZoneOffset.UTC), 50, 500);

    @Test
    void defaultsToTheLastSevenDaysFirstPage() {
        ReportQuery query = parser.parse(Map.<String, String>of()::get);
        assertEquals(NOW, query.to());
        assertEquals(NOW.minusSeconds(7 * 86_400), query.from());
        assertEquals(1, query.page());
        assertEquals(50, query.size());
        assertEquals(0, query.offset());
        assertNull(query.identifier());
        assertNull(query.bucket());
    }

    @Test
    void readsFiltersInstantsAndPage() {
        ReportQuery query = parser.parse(Map.of(
                "identifier",
                " Ada@Example.com ",
                "application",
                "salesforce",
                "operation",
                "CREATE",
                "status",
                "Failure",
                "from",
                "2025-03-01T00:00:00Z",
                "to",
                "2025-03-02T00:00:00+01:00",
                "page",
                "3",
                "size",
                "20",
                "bucket",
                "day")::get);
        assertEquals("Ada@Example.com", query.identifier());
        assertEquals("salesforce", query.application());
        assertEquals("create", query.operation());
        assertEquals("failure", query.status());
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), query.from());
        assertEquals(Instant.parse("2025-03-01T23:00:00Z"), query.to());
        assertEquals(40, query.offset());
        assertEquals(ReportQuery.Bucket.DAY, query.bucket());
    }

    @Test
    void presetsEndNow() {
        assertEquals(
                NOW.minusSeconds(86_400),
                parser.parse(Map.of("from", "last24h")::get).from());
        assertEquals(
                NOW.minusSeconds(30 * 86_400),
                parser.parse(Map.of("from", "LAST30D")::get).from());
        assertEquals(NOW, parser.parse(Map.of("from", "last7d")::get).to());
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        InvalidRequestException error = assertThrows(
                InvalidRequestException.class,
                () -> parser.parse(Map.of(
                        "status",
                        "failed",
                        "operation",
                        "explode",
                        "from",
                        "yesterday",
                        "to",
                        "2025-13-01",
                        "page",
                        "two",
                        "size",
                        "501",
                        "bucket",
                        "week")::get));
        assertEquals(
                List.of("bucket", "from", "operation", "page", "size", "status", "to"),
                error.getFieldErrors().stream().map(FieldError::field).sorted().toList(),
                error.getFieldErrors().toString());
    }

    @Test
    void rejectsFromAfterTo() {
        InvalidRequestException error = assertThrows(
                InvalidRequestException.class,
                () -> parser.parse(Map.of("from", "2025-03-02T00:00:00Z", "to", "2025-03-01T00:00:00Z")::get));
        assertEquals(List.of(new FieldError("from", "must not be after to")), error.getFieldErrors());
    }

    @Test
    void rejectsAPresetWithTo() {
        InvalidRequestException error = assertThrows(
                InvalidRequestException.class,
                () -> parser.parse(Map.of("from", "last24h", "to", "2025-03-01T00:00:00Z")::get));
        assertEquals("to", error.getFieldErrors().get(0).field());
    }

    @Test
    void rejectsTooManyHourBucketsAndPageZero() {
        InvalidRequestException error = assertThrows(
                InvalidRequestException.class,
                () -> parser.parse(Map.of("from", "2024-01-01T00:00:00Z", "bucket", "hour", "page", "0")::get));
        assertEquals(
                List.of("bucket", "page"),
                error.getFieldErrors().stream().map(FieldError::field).sorted().toList());
    }
}
