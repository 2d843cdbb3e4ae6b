package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /sobjects/...}: describe, create, retrieve, update, delete, upsert by external id. */
final class SObjectResource {
    private final SchemaRegistry schemas;
    private final OrgStore store;
    private final DmlService dml;
    private final PasswordResource passwords;
    private final FieldPermissions permissions;

    SObjectResource(
            SchemaRegistry schemas,
            OrgStore store,
            DmlService dml,
            PasswordResource passwords,
            FieldPermissions permissions) {
        this.permissions = permissions;
        this.schemas = schemas;
        this.store = store;
        this.dml = dml;
        this.passwords = passwords;
    }

    /** {@code rest} = segments after "sobjects". */
    ApiResponse handle(ApiRequest request, String version, List<String> rest) {
        if (rest.isEmpty()) {
            return ApiResponse.json(200, Describe.global(schemas, version));
        }
        ObjectSchema schema = schemas.find(rest.get(0));
        if (schema == null) {
            throw ApiException.notFound();
        }
        String method = request.method();
        if (rest.size() == 1) {
            return switch (method) {
                case "POST" -> create(request, schema, version);
                case "GET" -> ApiResponse.json(200, Describe.basic(schema, version));
                default -> throw methodNotAllowed(method, "GET,HEAD,POST");
            };
        }
        String second = rest.get(1);
        if (rest.size() == 2 && second.equals("describe")) {
            return ApiResponse.json(200, Describe.full(schema, version, permissions));
        }
        if (rest.size() == 2) {
            String id = SalesforceIds.normalize(second);
            if (id == null) {
                throw externalIdFieldMissing(second);
            }
            return switch (method) {
                case "GET" -> retrieve(schema, id, request.param("fields"), version);
                case "PATCH" -> {
                    dml.transaction(uow -> {
                        dml.update(uow, schema, id, Json.parseBody(request.bodyText()), Set.of("attributes"));
                        return null;
                    });
                    yield ApiResponse.noContent();
                }
                case "DELETE" -> {
                    dml.transaction(uow -> {
                        dml.delete(uow, schema, id);
                        return null;
                    });
                    yield ApiResponse.noContent();
                }
                default -> throw methodNotAllowed(
                        method, schema.deletable() ? "GET,PATCH,HEAD,DELETE" : "HEAD,GET,PATCH");
            };
        }
        if (rest.size() == 3
                && schema.name().equals("User")
                && rest.get(2).equals("password")
                && SalesforceIds.normalize(second) != null) {
            return passwords.handle(request, SalesforceIds.normalize(second));
        }
        if (rest.size() == 3) {
            return byExternalId(request, schema, second, rest.get(2), version);
        }
        throw ApiException.notFound();
    }

    private ApiResponse create(ApiRequest request, ObjectSchema schema, String version) {
        JsonNode body = Json.parseBody(request.bodyText());
        WriteOptions options = WriteOptions.of(request, version);
        String id = dml.transaction(uow -> dml.create(uow, schema, body, Set.of("attributes"), options));
        return ApiResponse.json(201, success(id));
    }

    private ApiResponse retrieve(ObjectSchema schema, String id, String fieldsParam, String version) {
        List<FieldDef> fields = fieldsParam == null ? null : fieldList(schema, fieldsParam);
        Map<String, Object> record = store.read(() -> store.get(id));
        if (record == null
                || !schema.name().equals(store.read(() -> store.typeOf(id)))
                || Boolean.TRUE.equals(record.get("IsDeleted"))) {
            throw ApiException.notFound();
        }
        return ApiResponse.json(200, RecordRenderer.render(schema, record, version, fields));
    }

    static List<FieldDef> fieldList(ObjectSchema schema, String fieldsParam) {
        List<FieldDef> fields = new ArrayList<>();
        for (String name : Arrays.stream(fieldsParam.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList()) {
            FieldDef f = schema.field(name);
            if (f == null) {
                throw ApiException.badRequest(
                        "INVALID_FIELD",
                        "No such column '" + name + "' on entity '"
                                + schema.name()
                                + "'. If you are attempting to use a custom field, be sure to append the"
                                + " '__c' after the custom field name. Please reference your WSDL or the describe call for the"
                                + " appropriate names.");
            }
            fields.add(f);
        }
        return fields;
    }

    private ApiResponse byExternalId(
            ApiRequest request, ObjectSchema schema, String fieldName, String value, String version) {
        FieldDef field = schema.field(fieldName);
        if (field == null || !(field.externalId() || field.name().equals("Id"))) {
            throw externalIdFieldMissing(fieldName);
        }
        if (field.name().equals("Id")) {
            // /sobjects/Lead/Id/<id> behaves like the id path (upsert by Id is not emulated).
            return handle(
                    new ApiRequest(
                            request.method(),
                            request.path(),
                            request.segments(),
                            request.query(),
                            request.headers(),
                            request.body()),
                    version,
                    List.of(schema.name(), value));
        }
        switch (request.method()) {
            case "PATCH": {
                JsonNode body = Json.parseBody(request.bodyText());
                WriteOptions options = WriteOptions.of(request, version);
                DmlService.UpsertResult result =
                        dml.transaction(uow -> dml.upsert(uow, schema, field, value, body, options));
                if (!result.matches().isEmpty()) {
                    ArrayNode urls = Json.array();
                    result.matches().forEach(id -> urls.add(RecordRenderer.url(version, schema.name(), id)));
                    return ApiResponse.json(300, urls);
                }
                boolean modern = versionNumber(version) >= 46.0;
                if (result.created()) {
                    ObjectNode body201 = success(result.id());
                    if (modern) {
                        body201.put("created", true);
                    }
                    return ApiResponse.json(201, body201);
                }
                return modern
                        ? ApiResponse.json(200, success(result.id()).put("created", false))
                        : ApiResponse.noContent();
            }
            case "GET":
            case "DELETE": {
                List<String> ids = new ArrayList<>(store.read(() -> store.lookup(schema.name(), field.name(), value)));
                if (ids.isEmpty()) {
                    throw ApiException.notFound();
                }
                if (ids.size() > 1) {
                    ArrayNode urls = Json.array();
                    ids.forEach(id -> urls.add(RecordRenderer.url(version, schema.name(), id)));
                    return ApiResponse.json(300, urls);
                }
                return handle(request, version, List.of(schema.name(), ids.get(0)));
            }
            default:
                throw methodNotAllowed(request.method(), "GET,PATCH,HEAD,DELETE");
        }
    }

    static ObjectNode success(String id) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("success", true);
        node.putArray("errors");
        return node;
    }

    static double versionNumber(String version) {
        try {
            return Double.parseDouble(version.substring(1));
        } catch (RuntimeException e) {
            return 56.0;
        }
    }

    static ApiException externalIdFieldMissing(String name) {
        return new ApiException(
                404,
                ApiError.of("NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + name));
    }

    static ApiException methodNotAllowed(String method, String allowed) {
        return new ApiException(
                405,
                ApiError.of("METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed. Allowed are " + allowed));
    }
}
