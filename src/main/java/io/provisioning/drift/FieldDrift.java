package io.provisioning.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A mapped field whose value in Salesforce is not the one the bundle last wrote. */
public record FieldDrift(String field, Object written, Object found) {

    /**
     * The drifted fields of one record: every field of {@code written} whose value in {@code record} differs. Numbers
     * compare by value (12 = 12.0), booleans by their text; an empty text and null are the same, as Salesforce
     * stores {@code ""} as null.
     */
    public static List<FieldDrift> between(Map<String, Object> written, JsonNode record) {
        List<FieldDrift> drifts = new ArrayList<>();
        written.forEach((field, value) -> {
            Object found = value(record.get(field));
            if (!Objects.equals(normalize(value), normalize(found))) {
                drifts.add(new FieldDrift(field, value, found));
            }
        });
        return drifts;
    }

    /** A record field as a plain value: text, number, boolean or null. */
    static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        return node.asText();
    }

    private static Object normalize(Object value) {
        if (value == null || "".equals(value)) {
            return null;
        }
        if (value instanceof Number number) {
            // 12 written, 12.0 read back from a number field: the same value
            try {
                return new java.math.BigDecimal(number.toString())
                        .stripTrailingZeros()
                        .toPlainString();
            } catch (NumberFormatException e) {
                return number.toString();
            }
        }
        return value instanceof Boolean ? value.toString() : value;
    }

    /** For the report: {@code Field: written 'a', Salesforce has 'b'}. */
    public String describe() {
        return field + ": written '" + written + "', Salesforce has '" + found + "'";
    }
}
