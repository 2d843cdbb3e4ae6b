package io.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Evaluates a filter against one JSON value in Java: the value filters of PATCH paths
 * ({@code emails[type eq "work"]}) over the values of one multi-valued attribute. Strings compare case-insensitively.
 */
final class FilterMatcher {

    private FilterMatcher() {}

    public static boolean matches(Filter filter, JsonNode node) {
        if (filter instanceof Filter.And and) {
            return matches(and.left(), node) && matches(and.right(), node);
        }
        if (filter instanceof Filter.Or or) {
            return matches(or.left(), node) || matches(or.right(), node);
        }
        if (filter instanceof Filter.Not not) {
            return !matches(not.inner(), node);
        }
        if (filter instanceof Filter.Present present) {
            return present(value(node, present.path()));
        }
        if (filter instanceof Filter.Compare compare) {
            return compare(value(node, compare.path()), compare.op(), compare.value());
        }
        Filter.ValuePath valuePath = (Filter.ValuePath) filter;
        JsonNode values = value(node, valuePath.path());
        if (values == null) {
            return false;
        }
        for (JsonNode element : values.isArray() ? values : java.util.List.of(values)) {
            if (matches(valuePath.inner(), element)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode value(JsonNode node, AttrPath path) {
        JsonNode value = ScimJson.get(node, path.attribute());
        return path.subAttribute() == null ? value : ScimJson.get(value, path.subAttribute());
    }

    private static boolean present(JsonNode value) {
        return value != null
                && !value.isNull()
                && !(value.isTextual() && value.textValue().isEmpty())
                && !(value.isContainerNode() && value.isEmpty());
    }

    private static boolean compare(JsonNode actual, Filter.Op op, JsonNode expected) {
        if (expected.isNull()) {
            return switch (op) {
                case EQ -> !present(actual);
                case NE -> present(actual);
                default -> throw ScimException.invalidFilter("Only eq and ne compare with null");
            };
        }
        if (actual == null || actual.isNull()) {
            return op == Filter.Op.NE;
        }
        if (expected.isBoolean() || actual.isBoolean()) {
            if (op != Filter.Op.EQ && op != Filter.Op.NE) {
                throw ScimException.invalidFilter("Booleans compare with eq and ne only");
            }
            boolean equal = actual.asText().equalsIgnoreCase(expected.asText());
            return op == Filter.Op.EQ ? equal : !equal;
        }
        if (expected.isNumber() && actual.isNumber()) {
            int order = actual.decimalValue().compareTo(expected.decimalValue());
            return ordered(op, order, actual.asText(), expected.asText());
        }
        String a = actual.asText().toLowerCase(Locale.ROOT);
        String e = expected.asText().toLowerCase(Locale.ROOT);
        return switch (op) {
            case CO -> a.contains(e);
            case SW -> a.startsWith(e);
            case EW -> a.endsWith(e);
            default -> ordered(op, a.compareTo(e), a, e);
        };
    }

    private static boolean ordered(Filter.Op op, int order, String a, String e) {
        return switch (op) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case CO -> a.contains(e);
            case SW -> a.startsWith(e);
            case EW -> a.endsWith(e);
        };
    }
}
