package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test controls under {@code /emulator/...} (no authentication, never counted as API calls). */
final class ControlResource {
    /** What a reset does, implemented by the emulator. */
    interface Resetter {
        void reset();
    }

    private final Latency latency;
    private final FaultInjector faults;
    private final CallStats stats;
    private final TokenStore tokens;
    private final SchemaRegistry schemas;
    private final OrgStore store;
    private final Persistence persistence;
    private final PasswordResource passwords;
    private final Resetter resetter;
    private FieldPermissions permissions = new FieldPermissions();
    private BulkJobs bulk;
    private DuplicateRules duplicateRules = new DuplicateRules();
    private UserLicenses licenses = new UserLicenses();
    private ProcessAutomation automation = new ProcessAutomation();
    private LimitControls limits;

    ControlResource(
            Latency latency,
            FaultInjector faults,
            CallStats stats,
            TokenStore tokens,
            SchemaRegistry schemas,
            OrgStore store,
            Persistence persistence,
            PasswordResource passwords,
            Resetter resetter) {
        this.latency = latency;
        this.faults = faults;
        this.stats = stats;
        this.tokens = tokens;
        this.schemas = schemas;
        this.store = store;
        this.persistence = persistence;
        this.passwords = passwords;
        this.resetter = resetter;
    }

    /** The field-level security that {@code /emulator/field-permissions} restricts (set once, at start). */
    void permissions(FieldPermissions fieldPermissions) {
        this.permissions = fieldPermissions;
    }

    /** The Bulk API 2.0 jobs that {@code /emulator/bulk} paces and limits (set once, at start). */
    void bulk(BulkJobs jobs) {
        this.bulk = jobs;
    }

    /** The duplicate rules and license counts that their controls change (set once, at start). */
    void orgRules(DuplicateRules rules, UserLicenses userLicenses, ProcessAutomation processAutomation) {
        this.duplicateRules = rules;
        this.licenses = userLicenses;
        this.automation = processAutomation;
    }

    /** The limit controls of {@code /emulator/limits} (set once, at start). */
    void limits(LimitControls limitControls) {
        this.limits = limitControls;
    }

    /** {@code rest} = segments after "emulator". */
    ApiResponse handle(ApiRequest request) {
        List<String> rest = request.segments().subList(1, request.segments().size());
        String method = request.method();
        String first = rest.isEmpty() ? "" : rest.get(0);
        try {
            switch (first) {
                case "reset":
                    requireMethod(method, "POST");
                    resetter.reset();
                    return ApiResponse.noContent();
                case "latency":
                    if (method.equals("PUT") || method.equals("POST")) {
                        latency.set(Json.parseBody(request.bodyText())
                                .path("millis")
                                .asLong(0));
                    }
                    return ApiResponse.json(200, Json.object().put("millis", latency.millis()));
                case "faults":
                    return faults(request);
                case "limits":
                    return limits.handle(request, rest.subList(1, rest.size()));
                case "calls":
                    if (method.equals("DELETE")) {
                        stats.clear();
                    }
                    return ApiResponse.json(200, stats.toJson());
                case "expire-tokens":
                    requireMethod(method, "POST");
                    tokens.expireAll();
                    return ApiResponse.noContent();
                case "schema":
                    return addField(request, rest);
                case "bulk":
                    return bulkSettings(request);
                case "field-permissions":
                    return fieldPermissions(request, rest);
                case "duplicate-rules":
                    return duplicateRules(request, rest);
                case "licenses":
                    return licenses(request, rest);
                case "users":
                    if (rest.size() == 3 && rest.get(2).equals("password-check")) {
                        String id = SalesforceIds.normalize(rest.get(1));
                        boolean ok = id != null && passwords.matches(id, request.param("password"));
                        return ApiResponse.json(200, Json.object().put("matches", ok));
                    }
                    if (rest.size() == 3 && rest.get(2).equals("default-workflow")) {
                        requireMethod(method, "PUT");
                        automation.defaultWorkflowUser(SalesforceIds.normalize(rest.get(1)));
                        return ApiResponse.noContent();
                    }
                    throw ApiException.notFound();
                default:
                    throw ApiException.notFound();
            }
        } catch (ApiException e) {
            return ApiResponse.error(e);
        }
    }

    private ApiResponse faults(ApiRequest request) {
        switch (request.method()) {
            case "DELETE":
                faults.clear();
                return ApiResponse.noContent();
            case "POST": {
                JsonNode body = Json.parseBody(request.bodyText());
                String op = body.path("operation").asText("any");
                boolean timeout = body.path("timeout").asBoolean(false);
                double rate = body.path("rate").asDouble(0);
                if (rate < 0 || rate > 1) {
                    throw ApiException.badRequest("INVALID_FIELD", "rate must be between 0 and 1: " + rate);
                }
                Fault fault = new Fault(
                        op,
                        new AtomicInteger(body.path("count").asInt(1)),
                        body.path("status").asInt(503),
                        body.path("errorCode").asText("SERVER_UNAVAILABLE"),
                        body.hasNonNull("message") ? body.get("message").asText() : null,
                        timeout,
                        body.path("millis").asLong(60000),
                        body.path("applied").asBoolean(false),
                        rate);
                if (body.has("seed")) {
                    faults.seed(body.get("seed").asLong());
                }
                faults.add(fault);
                return ApiResponse.json(201, describe(fault));
            }
            default: {
                ArrayNode list = Json.array();
                faults.pending().forEach(f -> list.add(describe(f)));
                return ApiResponse.json(200, list);
            }
        }
    }

    private static ObjectNode describe(Fault f) {
        return Json.object()
                .put("operation", f.operation())
                .put("remaining", f.remaining().get())
                .put("status", f.status())
                .put("errorCode", f.errorCode())
                .put("timeout", f.timeout())
                .put("millis", f.millis())
                .put("applied", f.applied())
                .put("rate", f.rate());
    }

    private ApiResponse addField(ApiRequest request, List<String> rest) {
        requireMethod(request.method(), "POST");
        ObjectSchema schema = rest.size() == 2 ? schemas.find(rest.get(1)) : null;
        if (schema == null) {
            throw ApiException.notFound();
        }
        JsonNode body = Json.parseBody(request.bodyText());
        String name = body.path("field").asText("");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*__c")) {
            throw ApiException.badRequest("INVALID_FIELD", "Custom field names must end with __c: " + name);
        }
        boolean externalId = body.path("externalId").asBoolean(false);
        FieldDef field = new FieldDef(
                name,
                body.path("label").asText(name.substring(0, name.length() - 3).replace('_', ' ')),
                FieldType.STRING,
                body.path("length").asInt(255),
                false,
                true,
                true,
                externalId,
                body.path("unique").asBoolean(externalId),
                null,
                null);
        addField(store, persistence, schema, field);
        return ApiResponse.json(201, Json.object().put("object", schema.name()).put("field", name));
    }

    /** Adds (or redefines) a custom field, indexes the records that exist, and journals it. */
    static void addField(OrgStore store, Persistence persistence, ObjectSchema schema, FieldDef field) {
        store.writeRun(() -> {
            schema.addField(field);
            store.indexExisting(schema.name(), field);
            persistence.fieldAdded(schema.name(), field);
        });
    }

    /**
     * {@code PUT /emulator/field-permissions/{obj}} {@code {"Title":"READ","Phone":"NONE","Email":"EDIT"}}: the
     * integration user's access to those fields; {@code GET} lists the restrictions, {@code DELETE} lifts them all.
     */
    private ApiResponse fieldPermissions(ApiRequest request, List<String> rest) {
        switch (request.method()) {
            case "DELETE":
                permissions.clear();
                return ApiResponse.noContent();
            case "PUT":
            case "POST": {
                ObjectSchema schema = rest.size() == 2 ? schemas.find(rest.get(1)) : null;
                if (schema == null) {
                    throw ApiException.notFound();
                }
                JsonNode body = Json.parseBody(request.bodyText());
                var fields = body.fields();
                while (fields.hasNext()) {
                    var entry = fields.next();
                    FieldDef field = schema.field(entry.getKey());
                    if (field == null) {
                        throw ApiException.badRequest(
                                "INVALID_FIELD", "No such field " + schema.name() + "." + entry.getKey());
                    }
                    FieldPermissions.Access access;
                    try {
                        access = FieldPermissions.Access.valueOf(
                                entry.getValue().asText("").toUpperCase(java.util.Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest(
                                "INVALID_TYPE", "Access must be EDIT, READ or NONE: " + entry.getValue());
                    }
                    permissions.set(schema.name(), field.name(), access);
                }
                return ApiResponse.json(200, permissions.toJson());
            }
            default:
                return ApiResponse.json(200, permissions.toJson());
        }
    }

    /**
     * {@code PUT /emulator/duplicate-rules/{obj}} {@code {"active":false}} or {@code {"action":"BLOCK"}}: switches an
     * object's standard duplicate rule off/on or makes it block even allowSave; {@code GET} lists the rules.
     */
    private ApiResponse duplicateRules(ApiRequest request, List<String> rest) {
        if (request.method().equals("PUT") || request.method().equals("POST")) {
            DuplicateRules.Rule rule = rest.size() == 2 ? duplicateRules.rule(rest.get(1)) : null;
            if (rule == null) {
                throw ApiException.notFound();
            }
            JsonNode body = Json.parseBody(request.bodyText());
            DuplicateRules.Action action;
            try {
                action = DuplicateRules.Action.valueOf(
                        body.path("action").asText(rule.action().name()).toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("INVALID_TYPE", "action must be ALERT or BLOCK: " + body.get("action"));
            }
            duplicateRules.set(rule.object(), body.path("active").asBoolean(rule.active()), action);
        }
        ArrayNode list = Json.array();
        for (DuplicateRules.Rule rule : duplicateRules.all()) {
            list.addObject()
                    .put("object", rule.object())
                    .put("active", rule.active())
                    .put("action", rule.action().name())
                    .put("duplicateRule", rule.ruleName());
        }
        return ApiResponse.json(200, list);
    }

    /**
     * {@code PUT /emulator/licenses/{name}} {@code {"total":3}}: how many licenses of that name the org has (e.g.
     * "Salesforce"); {@code GET} lists them with the used counts (as {@code SELECT … FROM UserLicense} does).
     */
    private ApiResponse licenses(ApiRequest request, List<String> rest) {
        if (request.method().equals("PUT") || request.method().equals("POST")) {
            String name = rest.size() == 2 ? rest.get(1) : "";
            JsonNode total = Json.parseBody(request.bodyText()).path("total");
            if (!licenses.known(name)) {
                throw ApiException.notFound();
            }
            if (!total.canConvertToInt() || total.asInt() < 0) {
                throw ApiException.badRequest("INVALID_FIELD", "total must be a number of licenses: " + total);
            }
            licenses.setTotal(store, persistence, name, total.asInt());
        }
        ArrayNode list = Json.array();
        store.read(() -> {
            for (var license : store.all("UserLicense")) {
                list.addObject()
                        .put("name", String.valueOf(license.get("Name")))
                        .put("total", ((Number) license.getOrDefault("TotalLicenses", 0L)).longValue())
                        .put("used", ((Number) license.getOrDefault("UsedLicenses", 0L)).longValue());
            }
            return null;
        });
        return ApiResponse.json(200, list);
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw SObjectResource.methodNotAllowed(method, expected);
        }
    }

    /** {@code PUT /emulator/bulk {"recordsPerSecond","maxUploadBytes","maxOpenJobs"}} (0 = default); GET shows them. */
    private ApiResponse bulkSettings(ApiRequest request) {
        if (request.method().equals("PUT") || request.method().equals("POST")) {
            JsonNode body = Json.parseBody(request.bodyText());
            bulk.configure(
                    body.hasNonNull("recordsPerSecond")
                            ? body.get("recordsPerSecond").asInt()
                            : null,
                    body.hasNonNull("maxUploadBytes")
                            ? body.get("maxUploadBytes").asLong()
                            : null,
                    body.hasNonNull("maxOpenJobs") ? body.get("maxOpenJobs").asInt() : null);
        }
        return ApiResponse.json(
                200,
                Json.object()
                        .put("recordsPerSecond", bulk.recordsPerSecond())
                        .put("maxUploadBytes", bulk.maxUploadBytes())
                        .put("maxOpenJobs", bulk.maxOpenJobs()));
    }
}
