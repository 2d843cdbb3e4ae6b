package io.provisioning.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Reading request bodies (malformed JSON = {@code invalidSyntax}) and case-insensitive attribute access. */
public final class ScimJson {

    public static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private ScimJson() {}

    public static ObjectNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw ScimException.invalidSyntax("The request body is empty; a JSON object is expected");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimException.invalidSyntax("The request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ScimException.invalidSyntax("The request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    public static ObjectNode parseStored(String json) {
        try {
            return json == null ? MAPPER.createObjectNode() : (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored SCIM resource is not valid JSON", e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The actual key of {@code name} in {@code object}, compared case-insensitively (SCIM names are), or null. */
    public static String key(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    /** The value of {@code name} (case-insensitive), or null. */
    public static JsonNode get(JsonNode object, String name) {
        String key = key(object, name);
        return key == null ? null : object.get(key);
    }

    /** A string attribute, or null when absent or JSON null; another type is {@code invalidValue}. */
    public static String text(JsonNode object, String name) {
        JsonNode value = get(object, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidValue("'" + name + "' must be a string");
        }
        return value.textValue();
    }

    /**
     * A boolean attribute, also given as the string "true"/"false" in any case (as Entra sends it); null when absent.
     */
    public static Boolean bool(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()
                && ("true".equalsIgnoreCase(value.textValue()) || "false".equalsIgnoreCase(value.textValue()))) {
            return Boolean.parseBoolean(value.textValue().toLowerCase(java.util.Locale.ROOT));
        }
        throw ScimException.invalidValue("'" + name + "' must be true or false");
    }
}
