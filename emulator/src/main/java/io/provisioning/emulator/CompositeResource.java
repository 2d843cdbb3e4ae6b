package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** sObject Collections, {@code /composite/sobjects}: create, update, upsert, delete and retrieve up to 200 records. */
final class CompositeResource {
    static final int MAX_RECORDS = 200;
    static final int MAX_RETRIEVE = 2000;
    private static final String ROLLED_BACK =
            "Record rolled back because not all records were valid and the request" + " was using AllOrNone header";

    /** One element's work; returns the element's success JSON or throws ApiException. */
    private interface Element {
        ObjectNode apply(UnitOfWork uow);
    }

    private final SchemaRegistry schemas;
    private final OrgStore store;
    private final DmlService dml;

    CompositeResource(SchemaRegistry schemas, OrgStore store, DmlService dml) {
        this.schemas = schemas;
        this.store = store;
        this.dml = dml;
    }

    /** {@code rest} = segments after "composite". */
    ApiResponse handle(ApiRequest request, String version, List<String> rest) {
        if (rest.isEmpty() || !rest.get(0).equals("sobjects")) {
            throw ApiException.notFound(); // only sObject Collections are emulated
        }
        List<String> sub = rest.subList(1, rest.size());
        switch (request.method()) {
            case "POST":
                if (sub.size() == 1) {
                    JsonNode body = Json.parseBody(request.bodyText());
                    return retrieve(
                            schema(sub.get(0)), texts(body.get("ids")), fieldsText(body.get("fields")), version);
                }
                return write(request, version, sub, true);
            case "PATCH":
                return write(request, version, sub, false);
            case "DELETE":
                return delete(request);
            case "GET":
                if (sub.size() == 1) {
                    String ids = request.param("ids");
                    return retrieve(
                            schema(sub.get(0)),
                            ids == null ? List.of() : Arrays.asList(ids.split(",")),
                            request.param("fields"),
                            version);
                }
                throw ApiException.notFound();
            default:
                throw SObjectResource.methodNotAllowed(request.method(), "GET,POST,PATCH,DELETE");
        }
    }

    private ObjectSchema schema(String name) {
        ObjectSchema schema = schemas.find(name);
        if (schema == null) {
            throw ApiException.badRequest("INVALID_TYPE", "sObject type '" + name + "' is not supported.");
        }
        return schema;
    }

    private ApiResponse write(ApiRequest request, String version, List<String> sub, boolean create) {
        WriteOptions options = WriteOptions.of(request, version);
        JsonNode body = Json.parseBody(request.bodyText());
        JsonNode records = body.get("records");
        if (records == null || !records.isArray()) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", "Cannot deserialize: 'records' must be an array");
        }
        checkCount(records.size());
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        List<Element> elements = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        boolean upsert = !create && sub.size() == 2;
        FieldDef extField;
        ObjectSchema upsertSchema;
        if (upsert) {
            upsertSchema = schema(sub.get(0));
            extField = upsertSchema.field(sub.get(1));
            if (extField == null || !extField.externalId()) {
                throw SObjectResource.externalIdFieldMissing(sub.get(1));
            }
        } else {
            upsertSchema = null;
            extField = null;
        }
        for (JsonNode record : records) {
            String type = record.path("attributes").path("type").asText(null);
            String id = record.hasNonNull("id")
                    ? record.get("id").asText()
                    : record.path("Id").asText(null);
            keys.add(create || upsert ? null : id);
            elements.add(uow -> {
                ObjectSchema schema = type == null ? upsertSchema : schemas.find(type);
                if (schema == null) {
                    throw ApiException.badRequest(
                            "INVALID_TYPE",
                            type == null
                                    ? "No SObject Type defined in record"
                                    : "sObject type '" + type + "' is not supported.");
                }
                if (upsert) {
                    JsonNode key = record.get(extField.name());
                    if (key == null || key.isNull()) {
                        throw new ApiException(
                                400,
                                ApiError.of(
                                        "REQUIRED_FIELD_MISSING",
                                        "Required fields are missing: [" + extField.name() + "]",
                                        List.of(extField.name())));
                    }
                    DmlService.UpsertResult r = dml.upsert(uow, schema, extField, key.asText(), record, options);
                    if (!r.matches().isEmpty()) {
                        throw ApiException.badRequest(
                                "DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + key.asText());
                    }
                    return SObjectResource.success(r.id()).put("created", r.created());
                }
                if (create) {
                    if (record.has("id") || record.has("Id")) {
                        throw ApiException.badRequest(
                                "INVALID_FIELD", "Id field should not be specified in the sobject data.");
                    }
                    return SObjectResource.success(dml.create(uow, schema, record, Set.of("attributes"), options));
                }
                String normalized = SalesforceIds.normalize(id);
                if (normalized == null) {
                    throw ApiException.badRequest("MALFORMED_ID", "malformed id " + id);
                }
                dml.update(uow, schema, normalized, record, Set.of("attributes", "id", "Id"));
                return SObjectResource.success(normalized);
            });
        }
        return ApiResponse.json(200, run(elements, keys, allOrNone));
    }

    private ApiResponse delete(ApiRequest request) {
        String idsParam = request.param("ids");
        List<String> ids = idsParam == null || idsParam.isBlank() ? List.of() : Arrays.asList(idsParam.split(","));
        if (ids.isEmpty()) {
            throw ApiException.badRequest("REQUIRED_FIELD_MISSING", "At least 1 Id is required.");
        }
        checkCount(ids.size());
        boolean allOrNone = Boolean.parseBoolean(request.param("allOrNone"));
        List<Element> elements = new ArrayList<>();
        for (String raw : ids) {
            elements.add(uow -> {
                String id = SalesforceIds.normalize(raw.trim());
                if (id == null) {
                    throw ApiException.badRequest("MALFORMED_ID", "malformed id " + raw);
                }
                String type = store.typeOf(id);
                if (type == null) {
                    throw new ApiException(404, ApiError.of("ENTITY_IS_DELETED", "entity is deleted", List.of()));
                }
                dml.delete(uow, schemas.find(type), id);
                return SObjectResource.success(id);
            });
        }
        return ApiResponse.json(200, run(elements, ids, allOrNone));
    }

    /** Applies the elements in order under one write lock; allOrNone undoes everything if one fails. */
    private ArrayNode run(List<Element> elements, List<String> keys, boolean allOrNone) {
        return dml.transaction(uow -> {
            ArrayNode results = Json.array();
            boolean anyFailed = false;
            for (Element element : elements) {
                int mark = uow.mark();
                try {
                    results.add(element.apply(uow));
                } catch (ApiException e) {
                    uow.rollbackTo(mark);
                    anyFailed = true;
                    results.add(failure(null, e.errors()));
                }
            }
            if (allOrNone && anyFailed) {
                uow.rollback();
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).path("success").asBoolean()) {
                        results.set(
                                i,
                                failure(
                                        keys.get(i),
                                        List.of(ApiError.of(
                                                "ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK, List.of()))));
                    }
                }
            }
            return results;
        });
    }

    private static ObjectNode failure(String id, List<ApiError> errors) {
        ObjectNode node = Json.object();
        if (id != null) {
            node.put("id", id);
        }
        node.put("success", false);
        ArrayNode list = node.putArray("errors");
        for (ApiError e : errors) {
            ObjectNode err = list.addObject();
            if (e.duplicateResult() != null) {
                err.set("duplicateResult", e.duplicateResult()); // UNCERTAIN: shape inside collections
            }
            err.put("statusCode", e.errorCode());
            err.put("message", e.message());
            ArrayNode fields = err.putArray("fields");
            if (e.fields() != null) {
                e.fields().forEach(fields::add);
            }
        }
        return node;
    }

    private ApiResponse retrieve(ObjectSchema schema, List<String> ids, String fields, String version) {
        if (ids.size() > MAX_RETRIEVE) {
            throw ApiException.badRequest(
                    "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + MAX_RETRIEVE + " records into this call");
        }
        if (fields == null || fields.isBlank()) {
            throw ApiException.badRequest("REQUIRED_FIELD_MISSING", "The 'fields' parameter is required.");
        }
        List<FieldDef> defs = SObjectResource.fieldList(schema, fields);
        ArrayNode result = Json.array();
        store.read(() -> {
            for (String raw : ids) {
                String id = SalesforceIds.normalize(raw.trim());
                Map<String, Object> record = id == null ? null : store.get(id);
                if (record == null
                        || !schema.name().equals(store.typeOf(id))
                        || Boolean.TRUE.equals(record.get("IsDeleted"))) {
                    result.addNull();
                } else {
                    result.add(RecordRenderer.render(schema, record, version, defs));
                }
            }
            return null;
        });
        return ApiResponse.json(200, result);
    }

    private static void checkCount(int n) {
        if (n > MAX_RECORDS) {
            throw ApiException.badRequest(
                    "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String fieldsText(JsonNode array) {
        return array == null ? null : String.join(",", texts(array));
    }
}
