package io.provisioning.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Jackson helpers shared by the emulator. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses a request body; bad JSON is a 400 JSON_PARSER_ERROR as on Salesforce. */
    static JsonNode parseBody(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(
                    "JSON_PARSER_ERROR", "The HTTP entity body is required, but this request has no HTTP entity body.");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", e.getOriginalMessage());
        }
    }

    static ArrayNode errors(List<ApiError> errors) {
        ArrayNode array = array();
        for (ApiError e : errors) {
            ObjectNode node = array.addObject();
            if (e.duplicateResult() != null) {
                node.set("duplicateResult", e.duplicateResult());
            }
            node.put("message", e.message());
            node.put("errorCode", e.errorCode());
            if (e.fields() != null) {
                ArrayNode fields = node.putArray("fields");
                e.fields().forEach(fields::add);
            }
        }
        return array;
    }

    /** Converts a JSON scalar to the Java value stored in a record (String, Boolean, Long/Double, null). */
    static Object scalar(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    static void put(ObjectNode node, String field, Object value) {
        if (value == null) {
            node.putNull(field);
        } else if (value instanceof Boolean b) {
            node.put(field, b);
        } else if (value instanceof Long l) {
            node.put(field, l);
        } else if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value instanceof Double d) {
            node.put(field, d);
        } else {
            node.put(field, value.toString());
        }
    }
}
