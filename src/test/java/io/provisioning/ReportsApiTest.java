package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.reports.ReportRetention;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The report API over real HTTP against the real database: filters, paging, totals, CSV, histogram, bad input, the
 * page's security headers, and the retention purge.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsApiTest {

    private static final TestEnvironment ENV =
            TestEnvironment.create("reports-api").asSystemProperties();
    private static final Instant NOW = Instant.now();

    @BeanInject
    CamelContext context;

    private final ApiClient api = ENV.api();

    private boolean seeded;

    /** Once per class, after the bundle (and its injected context) is up. */
    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        DataSource db = dataSource();
        Reports.insert(
                db, NOW.minus(3, ChronoUnit.HOURS), "Ada@Example.com", "salesforce", "create", "retrying", "503");
        Reports.insert(
                db,
                NOW.minus(2, ChronoUnit.HOURS),
                "ada@example.com",
                "salesforce",
                "create",
                "failure",
                "=HYPERLINK(\"http://evil\")");
        Reports.insert(db, NOW.minus(1, ChronoUnit.HOURS), "ada@example.com", "salesforce", "create", "success", null);
        Reports.insert(db, NOW.minus(10, ChronoUnit.DAYS), "ada@example.com", "salesforce", "create", "success", null);
        Reports.insert(db, NOW.minus(30, ChronoUnit.MINUTES), "bob@example.com", "sandbox", "update", "skipped", null);
    }

    @Test
    void filtersByIdentifierCaseInsensitivelyNewestFirstWithTotals() {
        JsonNode page = ok("/api/reports?identifier=ADA%40example.com&from=last7d");
        assertEquals(3, page.path("total").asInt(), page.toString());
        assertEquals(List.of("success", "failure", "retrying"), field(page.path("rows"), "status"));
        assertEquals(1, page.path("totals").path("success").asInt());
        assertEquals(1, page.path("totals").path("failure").asInt());
        assertEquals(1, page.path("totals").path("retrying").asInt());
        assertEquals(0, page.path("totals").path("skipped").asInt());
    }

    @Test
    void pagesThroughTheSelection() {
        JsonNode first = ok("/api/reports?identifier=ada@example.com&from=last30d&size=3&page=1");
        JsonNode second = ok("/api/reports?identifier=ada@example.com&from=last30d&size=3&page=2");
        assertEquals(4, first.path("total").asInt());
        assertEquals(3, first.path("rows").size());
        assertEquals(1, second.path("rows").size());
        assertEquals("success", second.path("rows").path(0).path("status").asText());
    }

    @Test
    void filtersByApplicationOperationStatusAndExplicitSpan() {
        assertEquals(
                List.of("bob@example.com"),
                field(
                        ok("/api/reports?application=sandbox&operation=update&status=skipped")
                                .path("rows"),
                        "identifier"));
        String from = NOW.minus(11, ChronoUnit.DAYS).toString();
        String to = NOW.minus(9, ChronoUnit.DAYS).toString();
        JsonNode old = ok("/api/reports?from=" + from + "&to=" + to);
        assertEquals(1, old.path("total").asInt(), old.toString());
        assertEquals(
                0,
                ok("/api/reports?status=failure&from=last24h&application=sandbox")
                        .path("total")
                        .asInt());
    }

    @Test
    void streamsTheSelectionAsCsvSafeFromFormulas() {
        HttpResponse<String> csv = api.getWithHeaders("/api/reports?identifier=ada@example.com", "Accept", "text/csv");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals(4, lines.length, csv.body());
        assertTrue(lines[0].startsWith("occurred_at,identifier,application"));
        assertTrue(lines[2].contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","), lines[2]);
        HttpResponse<String> byParameter = api.getWithHeaders("/api/reports?identifier=ada@example.com&format=csv");
        assertEquals(csv.body(), byParameter.body());
    }

    @Test
    void rejectsBadFiltersWithFieldErrors() {
        ApiClient.Response response = api.get("/api/reports?status=failed&operation=boom&from=yesterday&to="
                + URLEncoder.encode("2025-02-30T00:00:00Z", StandardCharsets.UTF_8) + "&page=x&size=501");
        assertEquals(400, response.status(), response.body());
        assertEquals("invalid_request", response.json().path("error").asText());
        assertEquals(
                List.of("from", "operation", "page", "size", "status", "to"),
                field(response.json().path("fieldErrors"), "field").stream()
                        .sorted()
                        .toList());
        ApiClient.Response reversed = api.get("/api/reports?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z");
        assertEquals(400, reversed.status());
        assertEquals(
                "from",
                reversed.json().path("fieldErrors").path(0).path("field").asText());
    }

    @Test
    void requiresTheBearerToken() {
        assertEquals(401, api.getWithoutToken("/api/reports").status());
        assertEquals(401, api.getWithoutToken("/api/reports/histogram").status());
        assertEquals(
                401,
                new ApiClient("http://127.0.0.1:" + ENV.httpPort(), "wrong")
                        .get("/api/reports?format=csv")
                        .status());
    }

    @Test
    void histogramCountsPerHourAndStatus() {
        JsonNode histogram = ok("/api/reports/histogram?identifier=ada@example.com&from=last24h&bucket=hour");
        assertEquals("hour", histogram.path("bucket").asText());
        JsonNode buckets = histogram.path("buckets");
        assertTrue(buckets.size() >= 24 && buckets.size() <= 25, String.valueOf(buckets.size()));
        long success = 0;
        long all = 0;
        for (JsonNode bucket : buckets) {
            success += bucket.path("success").asLong();
            all += bucket.path("success").asLong()
                    + bucket.path("failure").asLong()
                    + bucket.path("retrying").asLong()
                    + bucket.path("skipped").asLong();
        }
        assertEquals(1, success);
        assertEquals(3, all);
        assertEquals(
                "day", ok("/api/reports/histogram?from=last30d").path("bucket").asText());
    }

    @Test
    void thePageIsSelfContainedWithAStrictContentSecurityPolicy() {
        HttpResponse<String> page = api.getWithHeaders("/reports");
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'nonce-"), csp);
        String nonce = csp.replaceAll(".*script-src 'nonce-([^']+)'.*", "$1");
        assertTrue(page.body().contains("<script nonce=\"" + nonce + "\">"));
        assertFalse(page.body().contains("src=\"http"), "no external assets");
        assertEquals(200, api.getWithoutToken("/reports").status());
    }

    @Test
    void retentionPurgesOnlyRowsOlderThanTheRetentionPeriod() throws Exception {
        DataSource db = dataSource();
        for (int i = 0; i < 25; i++) {
            Reports.insert(
                    db,
                    NOW.minus(400 + i, ChronoUnit.DAYS),
                    "old" + i + "@example.com",
                    "salesforce",
                    "create",
                    "success",
                    null);
        }
        Reports.insert(
                db, NOW.minus(364, ChronoUnit.DAYS), "kept@example.com", "salesforce", "create", "success", null);
        long before = count(db);
        long purged = context.getRegistry()
                .lookupByNameAndType("reportRetention", ReportRetention.class)
                .purge();
        assertEquals(25, purged);
        assertEquals(before - 25, count(db));
        assertEquals(1, Reports.forUser(db, "kept@example.com").size());
        assertTrue(Reports.rows(db, "SELECT id FROM provisioning_report WHERE user_identifier LIKE 'old%'")
                .isEmpty());
        assertTrue(context.getRoute("reports-retention") != null);
    }

    private JsonNode ok(String path) {
        ApiClient.Response response = api.get(path);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    private static List<String> field(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(name).asText()));
        return values;
    }

    private static long count(DataSource db) {
        return ((Number) Reports.rows(db, "SELECT COUNT(*) AS n FROM provisioning_report")
                        .get(0)
                        .get("n"))
                .longValue();
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
