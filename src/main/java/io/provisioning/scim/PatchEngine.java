package io.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies a SCIM PATCH request ({@code PatchOp}) to a copy of a resource's JSON: {@code add}, {@code replace},
 * {@code remove} (any case, as Entra sends {@code "Replace"}), with or without {@code path}, value filters
 * ({@code emails[type eq "work"].value}), URN-qualified attributes. Nothing is changed when any operation fails.
 */
final class PatchEngine {

    /** Attributes a PATCH may not touch ({@code mutability}). */
    private static final Set<String> READ_ONLY = Set.of("id", "meta", "schemas", "groups");

    private PatchEngine() {}

    public static ObjectNode apply(ObjectNode resource, ObjectNode request) {
        JsonNode schemas = ScimJson.get(request, "schemas");
        boolean patchOp = false;
        if (schemas != null && schemas.isArray()) {
            for (JsonNode schema : schemas) {
                patchOp |= ScimSchemas.PATCH_OP.equalsIgnoreCase(schema.asText());
            }
        }
        if (!patchOp) {
            throw ScimException.invalidSyntax("A PATCH body must have schemas [\"" + ScimSchemas.PATCH_OP + "\"]");
        }
        JsonNode operations = ScimJson.get(request, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("A PATCH body must have a non-empty Operations array");
        }
        ObjectNode copy = resource.deepCopy();
        for (JsonNode operation : operations) {
            if (!operation.isObject()) {
                throw ScimException.invalidSyntax("Each operation must be a JSON object");
            }
            String op = ScimJson.text(operation, "op");
            if (op == null || !Set.of("add", "replace", "remove").contains(op.toLowerCase(Locale.ROOT))) {
                throw ScimException.invalidSyntax("'op' must be add, replace or remove, got " + op);
            }
            String path = ScimJson.text(operation, "path");
            JsonNode value = ScimJson.get(operation, "value");
            applyOne(copy, op.toLowerCase(Locale.ROOT), path, value);
        }
        return copy;
    }

    private static void applyOne(ObjectNode resource, String op, String path, JsonNode value) {
        if (path == null) {
            if (op.equals("remove")) {
                throw ScimException.noTarget("A remove operation needs a path");
            }
            if (value == null || !value.isObject()) {
                throw ScimException.invalidValue("An " + op + " without path needs an object value");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER)
                        && field.getValue().isObject()) {
                    field.getValue()
                            .fields()
                            .forEachRemaining(sub -> at(
                                    resource,
                                    op,
                                    PatchPath.parse(ScimSchemas.ENTERPRISE_USER + ":" + sub.getKey()),
                                    sub.getValue()));
                } else if (!unchangedReadOnly(resource, field.getKey(), field.getValue())) {
                    at(resource, op, PatchPath.parse(field.getKey()), field.getValue());
                }
            }
            return;
        }
        if (!op.equals("remove") && value == null) {
            throw ScimException.invalidValue("An " + op + " operation needs a value");
        }
        at(resource, op, PatchPath.parse(path), value);
    }

    private static void at(ObjectNode resource, String op, PatchPath path, JsonNode rawValue) {
        String name = path.attribute().attribute();
        if (path.attribute().schema() == null && READ_ONLY.contains(name.toLowerCase(Locale.ROOT))) {
            throw ScimException.mutability("'" + name + "' is read-only");
        }
        JsonNode value = normalize(name, path.subAttribute(), rawValue);
        ObjectNode container = container(resource, path.attribute().schema(), !op.equals("remove"));
        if (container == null) {
            if (path.valueFilter() != null) {
                throw ScimException.noTarget("No values match " + path.attribute());
            }
            return;
        }
        String key = keyOr(container, name);
        JsonNode current = container.get(key);
        if (path.valueFilter() != null) {
            atFiltered(container, key, current, op, path, value);
        } else if (path.subAttribute() != null) {
            ObjectNode complex = current != null && current.isObject() ? (ObjectNode) current : null;
            if (op.equals("remove")) {
                if (complex != null) {
                    complex.remove(keyOr(complex, path.subAttribute()));
                }
                return;
            }
            if (complex == null) {
                complex = container.putObject(key);
            }
            complex.set(keyOr(complex, path.subAttribute()), value);
        } else if (op.equals("remove")) {
            if (value != null && value.isArray() && current != null && current.isArray()) {
                removeValues((ArrayNode) current, value); // Entra: remove members by value
            } else {
                container.remove(key);
            }
        } else if (op.equals("add") && current != null && current.isArray()) {
            Set<JsonNode> present = new HashSet<>();
            Set<JsonNode> ids = new HashSet<>();
            for (JsonNode existing : current) {
                present.add(existing);
                if (ScimJson.get(existing, "value") != null) {
                    ids.add(ScimJson.get(existing, "value"));
                }
            }
            for (JsonNode element : value.isArray() ? value : List.of(value)) {
                JsonNode id = ScimJson.get(element, "value");
                // a value already there is not added twice (a member given again with its display name, too)
                boolean sameId = id != null && element.size() <= 3 && ids.contains(id);
                if (!present.contains(element) && !sameId) {
                    ((ArrayNode) current).add(element);
                    present.add(element);
                    if (id != null) {
                        ids.add(id);
                    }
                }
            }
        } else if (current != null && current.isObject() && value.isObject()) {
            ((ObjectNode) current).setAll((ObjectNode) value.deepCopy());
        } else if (value.isNull()) {
            container.remove(key);
        } else {
            container.set(key, value);
        }
    }

    private static void atFiltered(
            ObjectNode container, String key, JsonNode current, String op, PatchPath path, JsonNode value) {
        List<ObjectNode> matches = new ArrayList<>();
        if (current != null && current.isArray()) {
            for (JsonNode element : current) {
                if (element.isObject() && FilterMatcher.matches(path.valueFilter(), element)) {
                    matches.add((ObjectNode) element);
                }
            }
        }
        if (matches.isEmpty()) {
            if (!op.equals("add")) {
                throw ScimException.noTarget("No values of '" + path.attribute() + "' match the filter");
            }
            // add to a filtered path that matches nothing: a new value made of the filter's eq terms (Entra, Okta)
            ObjectNode created = ScimJson.MAPPER.createObjectNode();
            equalities(path.valueFilter(), created);
            ArrayNode array = current != null && current.isArray() ? (ArrayNode) current : container.putArray(key);
            array.add(created);
            matches.add(created);
        }
        for (ObjectNode match : matches) {
            if (op.equals("remove")) {
                if (path.subAttribute() == null) {
                    ((ArrayNode) current).removeIf(match::equals);
                } else {
                    match.remove(keyOr(match, path.subAttribute()));
                }
            } else if (path.subAttribute() != null) {
                match.set(keyOr(match, path.subAttribute()), value);
            } else if (value.isObject()) {
                match.setAll((ObjectNode) value.deepCopy());
            } else {
                throw ScimException.invalidValue("The value for '" + path.attribute() + "[…]' must be an object");
            }
        }
    }

    /** The {@code attr eq value} terms of a filter joined by {@code and}, as attributes of a new value. */
    private static void equalities(Filter filter, ObjectNode target) {
        if (filter instanceof Filter.And and) {
            equalities(and.left(), target);
            equalities(and.right(), target);
        } else if (filter instanceof Filter.Compare compare
                && compare.op() == Filter.Op.EQ
                && compare.path().subAttribute() == null) {
            target.set(compare.path().attribute(), compare.value());
        } else {
            throw ScimException.noTarget("No value matches the filter, and it does not describe a new value");
        }
    }

    /** Entra: remove members by value; one pass over the array, however many values are removed. */
    private static void removeValues(ArrayNode current, JsonNode values) {
        Set<JsonNode> ids = new HashSet<>();
        Set<JsonNode> whole = new HashSet<>();
        for (JsonNode value : values) {
            JsonNode id = ScimJson.get(value, "value");
            if (id != null) {
                ids.add(id);
            } else {
                whole.add(value);
            }
        }
        current.removeIf(element -> whole.contains(element) || ids.contains(ScimJson.get(element, "value")));
    }

    /**
     * A read-only attribute given with its current value in a path-less add/replace: Okta sends the group's own
     * {@code id} with a new displayName. Accepted as no change; any other value is still {@code mutability}.
     */
    private static boolean unchangedReadOnly(ObjectNode resource, String name, JsonNode value) {
        return READ_ONLY.contains(name.toLowerCase(Locale.ROOT))
                && value != null
                && value.equals(ScimJson.get(resource, name));
    }

    private static ObjectNode container(ObjectNode resource, String schema, boolean create) {
        if (schema == null) {
            return resource;
        }
        String key = keyOr(resource, schema);
        JsonNode extension = resource.get(key);
        if (extension != null && extension.isObject()) {
            return (ObjectNode) extension;
        }
        return create ? resource.putObject(key) : null;
    }

    /**
     * Entra sends booleans as strings ({@code "active":"False"}); members may come as bare ids
     * ({@code "members":["id"]}) instead of {@code {"value":"id"}}.
     */
    private static JsonNode normalize(String attribute, String sub, JsonNode value) {
        if (value != null && sub == null && attribute.equalsIgnoreCase("active")) {
            return BooleanNode.valueOf(ScimJson.bool(value, "active"));
        }
        if (value != null && sub == null && attribute.equalsIgnoreCase("members")) {
            if (value.isTextual()) {
                return ScimJson.MAPPER.createArrayNode().add(member(value));
            }
            if (value.isArray()) {
                ArrayNode members = ScimJson.MAPPER.createArrayNode();
                value.forEach(element -> members.add(element.isTextual() ? member(element) : element));
                return members;
            }
        }
        return value;
    }

    private static ObjectNode member(JsonNode id) {
        return ScimJson.MAPPER.createObjectNode().set("value", id);
    }

    private static String keyOr(JsonNode object, String name) {
        String key = ScimJson.key(object, name);
        return key == null ? name : key;
    }
}
