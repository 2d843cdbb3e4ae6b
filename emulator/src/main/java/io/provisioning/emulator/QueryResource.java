package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /query} and {@code /queryAll}: runs SOQL and pages the result through query locators. */
final class QueryResource {
    static final int DEFAULT_BATCH = 2000;
    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize\\s*=\\s*(\\d+)");

    private final OrgStore store;
    private final SoqlEvaluator evaluator;
    private final QueryCursors cursors;

    QueryResource(SchemaRegistry schemas, OrgStore store, QueryCursors cursors) {
        this.store = store;
        this.evaluator = new SoqlEvaluator(schemas, store);
        this.cursors = cursors;
    }

    /** {@code rest} = path segments after "query"/"queryAll". */
    ApiResponse handle(ApiRequest request, String version, String resource, List<String> rest) {
        if (!request.method().equals("GET")) {
            throw new ApiException(
                    405,
                    ApiError.of(
                            "METHOD_NOT_ALLOWED",
                            "HTTP Method '" + request.method() + "' not allowed. Allowed are GET,HEAD"));
        }
        if (!rest.isEmpty()) {
            return more(version, rest.get(0));
        }
        String soql = request.param("q");
        if (soql == null || soql.isBlank()) {
            throw ApiException.badRequest("MALFORMED_QUERY", "unexpected token: <EOF>");
        }
        boolean all = resource.equals("queryAll");
        SoqlEvaluator.Result result = store.read(() -> evaluator.run(soql, all));
        if (result.fields().isEmpty() && result.records().isEmpty()) {
            return page(version, List.of(), result.totalSize(), 0, result.totalSize(), null);
        }
        // parents are read under the same lock as the rows
        List<ObjectNode> rows = store.read(() -> {
            List<ObjectNode> rendered = new ArrayList<>(result.records().size());
            for (Map<String, Object> record : result.records()) {
                rendered.add(RecordRenderer.render(store, result.schema(), record, version, result.fields()));
            }
            return rendered;
        });
        int batch = batchSize(request.header("Sforce-Query-Options"));
        if (rows.size() <= batch) {
            return page(version, rows, rows.size(), 0, batch, null);
        }
        String locator = cursors.open(rows, batch);
        return page(version, rows, rows.size(), 0, batch, locator);
    }

    private ApiResponse more(String version, String locatorAndOffset) {
        int dash = locatorAndOffset.lastIndexOf('-');
        QueryCursors.Cursor cursor = dash < 0 ? null : cursors.find(locatorAndOffset.substring(0, dash));
        int offset = -1;
        if (cursor != null) {
            try {
                offset = Integer.parseInt(locatorAndOffset.substring(dash + 1));
            } catch (NumberFormatException e) {
                offset = -1;
            }
        }
        if (cursor == null || offset < 0 || offset >= cursor.rows().size()) {
            throw ApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return page(
                version,
                cursor.rows(),
                cursor.rows().size(),
                offset,
                cursor.pageSize(),
                locatorAndOffset.substring(0, dash));
    }

    private static ApiResponse page(
            String version, List<ObjectNode> rows, int total, int offset, int batch, String locator) {
        ObjectNode body = Json.object();
        body.put("totalSize", total);
        int end = Math.min(rows.size(), offset + batch);
        boolean done = end >= rows.size();
        body.put("done", done);
        if (!done) {
            body.put("nextRecordsUrl", "/services/data/" + version + "/query/" + locator + "-" + end);
        }
        ArrayNode records = body.putArray("records");
        for (int i = offset; i < end; i++) {
            records.add(rows.get(i));
        }
        return ApiResponse.json(200, body);
    }

    /** Sforce-Query-Options: batchSize=N, clamped to 200..2000 as documented. */
    static int batchSize(String header) {
        if (header == null) {
            return DEFAULT_BATCH;
        }
        Matcher m = BATCH_SIZE.matcher(header);
        if (!m.find()) {
            return DEFAULT_BATCH;
        }
        long n = Long.parseLong(m.group(1).length() > 9 ? "2000" : m.group(1));
        return (int) Math.max(200, Math.min(2000, n));
    }
}
