package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Bulk API 2.0 query, {@code /jobs/query}: create a job for a SOQL query (the emulator's SOQL subset), follow it
 * with GET, read its results as CSV pages ({@code maxRecords}, next page by the {@code Sforce-Locator} answer header,
 * the text {@code null} after the last page), abort or delete it.
 */
final class BulkQueryResource {
    /** UNCERTAIN: without maxRecords an org sends as many rows as fit its result file; the emulator pages by this. */
    static final int DEFAULT_MAX_RECORDS = 50_000;

    private final BulkJobs jobs;

    BulkQueryResource(BulkJobs jobs) {
        this.jobs = jobs;
    }

    /** {@code rest} = segments after "query". */
    ApiResponse handle(ApiRequest request, String version, List<String> rest) {
        String method = request.method();
        if (rest.isEmpty()) {
            return switch (method) {
                case "POST" -> create(request, version);
                case "GET" -> list();
                default -> throw SObjectResource.methodNotAllowed(method, "GET,POST");
            };
        }
        BulkQueryJob job = jobs.query(rest.get(0));
        if (rest.size() == 1) {
            return switch (method) {
                case "GET" -> ApiResponse.json(200, job.info(true));
                case "PATCH" -> abort(job, request);
                case "DELETE" -> {
                    jobs.delete(job);
                    yield ApiResponse.noContent();
                }
                default -> throw SObjectResource.methodNotAllowed(method, "GET,PATCH,DELETE");
            };
        }
        if (rest.size() == 2 && rest.get(1).equals("results") && method.equals("GET")) {
            return results(job, request);
        }
        throw ApiException.notFound();
    }

    private ApiResponse create(ApiRequest request, String version) {
        JsonNode body = Json.parseBody(request.bodyText());
        String operation = body.path("operation").asText("query");
        String query = body.path("query").asText(null);
        if (!operation.equals("query") && !operation.equals("queryAll")) {
            throw BulkIngestResource.invalidJob("Invalid operation: " + operation);
        }
        if (query == null || query.isBlank()) {
            throw BulkIngestResource.invalidJob("query is required");
        }
        // the query is checked when the job is created, as an org does; it runs later
        String object = SoqlParser.parse(query).object().text();
        synchronized (jobs) {
            // the answer shows the job as created, before the worker can take it
            return ApiResponse.json(
                    200, jobs.newQueryJob(operation, query, object, version).info(false));
        }
    }

    private ApiResponse abort(BulkQueryJob job, ApiRequest request) {
        String target = Json.parseBody(request.bodyText()).path("state").asText("");
        if (!target.equals("Aborted")) {
            throw BulkIngestResource.invalidJob("Invalid state: " + target);
        }
        synchronized (jobs) {
            if (job.state.terminal()) {
                throw new ApiException(
                        409, ApiError.of("INVALIDJOBSTATE", "Job " + job.id + " is " + job.state + " already"));
            }
            jobs.abort(job);
        }
        return ApiResponse.json(200, job.info(false));
    }

    private ApiResponse results(BulkQueryJob job, ApiRequest request) {
        List<String> rows;
        String header;
        synchronized (jobs) {
            if (job.state != BulkJobState.JobComplete) {
                throw new ApiException(
                        409,
                        ApiError.of(
                                "INVALIDJOBSTATE",
                                "Job " + job.id + " is " + job.state + "; results are ready once it is JobComplete"));
            }
            rows = job.rows;
            header = job.header;
        }
        int from = decode(request.param("locator"));
        int max = DEFAULT_MAX_RECORDS;
        if (request.param("maxRecords") != null) {
            try {
                max = Integer.parseInt(request.param("maxRecords"));
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1) {
                throw BulkIngestResource.invalidJob("maxRecords must be a positive number");
            }
        }
        int to = (int) Math.min(rows.size(), (long) from + max);
        StringBuilder csv = new StringBuilder(header);
        for (int i = from; i < to; i++) {
            csv.append(rows.get(i));
        }
        String next = to < rows.size() ? encode(to) : "null";
        return BulkIngestResource.csv(csv.toString())
                .withHeader("Sforce-Locator", next)
                .withHeader("Sforce-NumberOfRecords", String.valueOf(to - from));
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String locator) {
        if (locator == null || locator.isEmpty() || locator.equals("null")) {
            return 0;
        }
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(locator), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw BulkIngestResource.invalidJob("Invalid locator: " + locator);
        }
    }

    private ApiResponse list() {
        ObjectNode body = Json.object();
        body.put("done", true);
        ArrayNode records = body.putArray("records");
        jobs.queryJobs().forEach(j -> records.add(j.info(false)));
        body.putNull("nextRecordsUrl");
        return ApiResponse.json(200, body);
    }
}
