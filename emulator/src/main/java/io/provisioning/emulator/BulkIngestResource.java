package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Bulk API 2.0 ingest, {@code /jobs/ingest}: create a job, PUT its CSV once, PATCH it to UploadComplete (or
 * Aborted), follow it with GET, read successfulResults/, failedResults/ and unprocessedrecords/, DELETE it.
 */
final class BulkIngestResource {
    private static final Set<String> OPERATIONS = Set.of("insert", "update", "upsert", "delete", "hardDelete");

    private final SchemaRegistry schemas;
    private final BulkJobs jobs;

    BulkIngestResource(SchemaRegistry schemas, BulkJobs jobs) {
        this.schemas = schemas;
        this.jobs = jobs;
    }

    /** {@code rest} = segments after "ingest". */
    ApiResponse handle(ApiRequest request, String version, List<String> rest) {
        String method = request.method();
        if (rest.isEmpty()) {
            return switch (method) {
                case "POST" -> create(request, version);
                case "GET" -> list();
                default -> throw SObjectResource.methodNotAllowed(method, "GET,POST");
            };
        }
        IngestJob job = jobs.ingest(rest.get(0));
        if (rest.size() == 1) {
            return switch (method) {
                case "GET" -> ApiResponse.json(200, job.info(true));
                case "PATCH" -> changeState(job, request);
                case "DELETE" -> delete(job);
                default -> throw SObjectResource.methodNotAllowed(method, "GET,PATCH,DELETE");
            };
        }
        if (rest.size() == 2) {
            switch (rest.get(1)) {
                case "batches":
                    if (!method.equals("PUT")) {
                        throw SObjectResource.methodNotAllowed(method, "PUT");
                    }
                    return upload(job, request);
                case "successfulResults":
                    return csv(job.successful.toString(StandardCharsets.UTF_8));
                case "failedResults":
                    return csv(job.failedRows.toString(StandardCharsets.UTF_8));
                case "unprocessedrecords":
                    return csv(job.unprocessed.toString(StandardCharsets.UTF_8));
                default:
                    break;
            }
        }
        throw ApiException.notFound();
    }

    private ApiResponse create(ApiRequest request, String version) {
        JsonNode body = Json.parseBody(request.bodyText());
        String object = body.path("object").asText(null);
        String operation = body.path("operation").asText(null);
        if (object == null || object.isBlank()) {
            throw invalidJob("Object is required");
        }
        ObjectSchema schema = schemas.find(object);
        if (schema == null) {
            throw invalidJob("Unable to find object: " + object);
        }
        if (operation == null || !OPERATIONS.contains(operation)) {
            throw invalidJob("Invalid operation: " + operation);
        }
        if (operation.equals("hardDelete")) {
            throw invalidJob("hardDelete needs the Bulk API Hard Delete permission, which the integration user lacks");
        }
        String contentType = body.path("contentType").asText("CSV");
        String delimiter = body.path("columnDelimiter").asText("COMMA");
        if (!contentType.equals("CSV") || !delimiter.equals("COMMA")) {
            // the emulator reads comma-separated CSV only; an org takes the other delimiters too
            throw invalidJob("Only contentType CSV with columnDelimiter COMMA is emulated");
        }
        String external = body.path("externalIdFieldName").asText(null);
        if (operation.equals("upsert")) {
            FieldDef field = external == null ? null : schema.field(external);
            if (field == null || !(field.externalId() || field.name().equals("Id"))) {
                throw invalidJob("External ID field " + external + " is not valid for " + schema.name());
            }
            external = field.name();
        } else {
            external = null;
        }
        IngestJob job = jobs.newIngestJob(schema.name(), operation, external, version);
        return ApiResponse.json(200, job.info(false));
    }

    private ApiResponse upload(IngestJob job, ApiRequest request) {
        synchronized (jobs) {
            if (job.state != BulkJobState.Open || job.data != null) {
                // one upload per job; more data goes into another job
                throw new ApiException(
                        409,
                        ApiError.of(
                                "INVALIDJOBSTATE",
                                "Job " + job.id + " is not Open or already has its data; create another job"));
            }
            if (request.body().length > jobs.maxUploadBytes()) {
                throw new ApiException(
                        413,
                        ApiError.of(
                                "REQUEST_ENTITY_TOO_LARGE",
                                "The upload exceeds 150 MB of base64 content (" + jobs.maxUploadBytes()
                                        + " bytes of CSV); split the data over several jobs"));
            }
            job.data = request.body();
        }
        return ApiResponse.empty(201);
    }

    private ApiResponse changeState(IngestJob job, ApiRequest request) {
        String target = Json.parseBody(request.bodyText()).path("state").asText("");
        synchronized (jobs) {
            switch (target) {
                case "UploadComplete":
                    if (job.state != BulkJobState.Open) {
                        throw stateError(job, target);
                    }
                    jobs.close(job);
                    break;
                case "Aborted":
                    if (job.state.terminal()) {
                        throw stateError(job, target);
                    }
                    jobs.abort(job);
                    break;
                default:
                    throw invalidJob("Invalid state: " + target);
            }
            return ApiResponse.json(200, job.info(false));
        }
    }

    private ApiResponse delete(IngestJob job) {
        synchronized (jobs) {
            if (job.state == BulkJobState.Open || job.state == BulkJobState.InProgress) {
                throw stateError(job, "Deleted");
            }
            jobs.delete(job);
        }
        return ApiResponse.noContent();
    }

    private ApiResponse list() {
        ObjectNode body = Json.object();
        body.put("done", true);
        ArrayNode records = body.putArray("records");
        jobs.ingestJobs().forEach(j -> records.add(j.info(false)));
        body.putNull("nextRecordsUrl");
        return ApiResponse.json(200, body);
    }

    static ApiResponse csv(String text) {
        return new ApiResponse(200, text, new java.util.LinkedHashMap<>()).withHeader("Content-Type", "text/csv");
    }

    static ApiException invalidJob(String message) {
        return ApiException.badRequest("INVALIDJOB", "InvalidJob : " + message);
    }

    private static ApiException stateError(IngestJob job, String target) {
        return new ApiException(
                409,
                ApiError.of(
                        "INVALIDJOBSTATE", "Job " + job.id + " is " + job.state + " and cannot be moved to " + target));
    }
}
