package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Field-level checks of a write, in Salesforce's order: unknown field, read-only, type, then values. */
final class RecordValidator {
    private static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");
    private final FieldPermissions permissions;

    RecordValidator(FieldPermissions permissions) {
        this.permissions = permissions;
    }

    /**
     * Turns a JSON body into field values keyed by canonical field name.
     *
     * @param ignored keys skipped silently (e.g. "attributes", or "id" in collections)
     */
    Map<String, Object> coerce(ObjectSchema schema, JsonNode body, boolean insert, Set<String> ignored) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(
                    "JSON_PARSER_ERROR",
                    "Cannot deserialize instance of " + schema.name() + " from "
                            + (body == null ? "null" : body.getNodeType()) + " value");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> readOnly = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (ignored.contains(e.getKey())) {
                continue;
            }
            FieldDef f = schema.field(e.getKey());
            FieldPermissions.Access access =
                    f == null ? FieldPermissions.Access.NONE : permissions.access(schema.name(), f.name());
            if (access == FieldPermissions.Access.NONE) {
                throw ApiException.badRequest(
                        "INVALID_FIELD", "No such column '" + e.getKey() + "' on sobject of type " + schema.name());
            }
            if (access == FieldPermissions.Access.READ || (insert ? !f.createable() : !f.updateable())) {
                readOnly.add(f.name());
                continue;
            }
            values.put(f.name(), convert(f, e.getValue()));
        }
        if (!readOnly.isEmpty()) {
            throw new ApiException(
                    400,
                    ApiError.of(
                            "INVALID_FIELD_FOR_INSERT_UPDATE",
                            "Unable to create/update fields: "
                                    + String.join(", ", readOnly)
                                    + ". Please check the security settings of this field and verify that"
                                    + " it is read/write for your profile or permission set.",
                            readOnly));
        }
        return values;
    }

    private static Object convert(FieldDef f, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw parserError(f, node);
        }
        switch (f.type()) {
            case BOOLEAN:
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                if (node.isTextual()
                        && ("true".equalsIgnoreCase(node.asText()) || "false".equalsIgnoreCase(node.asText()))) {
                    return Boolean.parseBoolean(node.asText().toLowerCase());
                }
                throw parserError(f, node);
            case INT:
                if (node.isIntegralNumber()) {
                    return node.longValue();
                }
                if (node.isTextual()) {
                    try {
                        return Long.parseLong(node.asText().trim());
                    } catch (NumberFormatException e) {
                        throw parserError(f, node);
                    }
                }
                throw parserError(f, node);
            default:
                String text = node.asText();
                return text.isEmpty() ? null : text; // Salesforce stores "" as null
        }
    }

    private static ApiException parserError(FieldDef f, JsonNode node) {
        return ApiException.badRequest(
                "JSON_PARSER_ERROR",
                "Cannot deserialize instance of " + f.type().describeName() + " from " + node.getNodeType() + " value "
                        + node + " or request may be missing a required field");
    }

    /** Checks the record as it will be stored; {@code changed} are the fields this write sets. */
    void validate(ObjectSchema schema, Map<String, Object> record, Set<String> changed) {
        List<String> missing = new ArrayList<>();
        for (FieldDef f : schema.fields()) {
            if (f.required() && record.get(f.name()) == null) {
                missing.add(f.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiException(
                    400,
                    ApiError.of(
                            "REQUIRED_FIELD_MISSING",
                            "Required fields are missing: [" + String.join(", ", missing) + "]",
                            missing));
        }
        for (String name : changed) {
            FieldDef f = schema.field(name);
            Object value = record.get(f.name());
            if (value == null) {
                continue;
            }
            String text = value.toString();
            if (f.type().isText() && text.length() > f.length()) {
                throw new ApiException(
                        400,
                        ApiError.of(
                                "STRING_TOO_LONG",
                                f.label() + ": data value too large: " + text + " (max length=" + f.length() + ")",
                                List.of(f.name())));
            }
            if (f.type() == FieldType.EMAIL && !EMAIL.matcher(text).matches()) {
                throw new ApiException(
                        400,
                        ApiError.of(
                                "INVALID_EMAIL_ADDRESS",
                                f.label() + ": invalid email address: " + text,
                                List.of(f.name())));
            }
            if (f.type() == FieldType.REFERENCE) {
                String id = SalesforceIds.normalize(text);
                if (id == null || (f.referencePrefix() != null && !id.startsWith(f.referencePrefix()))) {
                    throw new ApiException(
                            400,
                            ApiError.of(
                                    "MALFORMED_ID",
                                    f.label() + ": id value of incorrect type: " + text,
                                    List.of(f.name())));
                }
                record.put(f.name(), id);
            }
        }
    }
}
