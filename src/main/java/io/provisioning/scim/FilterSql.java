package io.provisioning.scim;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a filter into a parameterized SQL condition over the columns a resource type exposes for filtering.
 * User input only ever becomes a bound parameter; column expressions come from the fixed {@link Column} map.
 * Attributes without a column are refused with {@code invalidFilter} (documented in the README).
 */
final class FilterSql {

    /** How a filterable attribute is stored. */
    public enum Kind {
        /** a column holding the lower-cased value: compared with the lower-cased parameter */
        KEY,
        /** text compared case-insensitively ({@code LOWER(column)}) */
        TEXT,
        /** text compared exactly (caseExact attributes such as {@code externalId}, {@code id}) */
        EXACT,
        BOOLEAN,
        TIMESTAMP,
        /** an {@code EXISTS (… = ?)} condition; only {@code eq} */
        EXISTS
    }

    public record Column(String sql, Kind kind) {}

    /** The condition and its parameters, in order. */
    public record Condition(String sql, List<Object> parameters) {}

    private final Map<String, Column> columns;
    private final List<Object> parameters = new ArrayList<>();

    private FilterSql(Map<String, Column> columns) {
        this.columns = columns;
    }

    /** @param columns lower-case attribute path ({@link AttrPath#key()}) → column */
    public static Condition translate(Filter filter, Map<String, Column> columns) {
        FilterSql sql = new FilterSql(columns);
        String condition = sql.condition(filter, null);
        return new Condition(condition, List.copyOf(sql.parameters));
    }

    private String condition(Filter filter, AttrPath parent) {
        if (filter instanceof Filter.And and) {
            return "(" + condition(and.left(), parent) + " AND " + condition(and.right(), parent) + ")";
        }
        if (filter instanceof Filter.Or or) {
            return "(" + condition(or.left(), parent) + " OR " + condition(or.right(), parent) + ")";
        }
        if (filter instanceof Filter.Not not) {
            return "(NOT " + condition(not.inner(), parent) + ")";
        }
        if (filter instanceof Filter.ValuePath valuePath) {
            if (parent != null) {
                throw ScimException.invalidFilter("Value filters cannot be nested");
            }
            return condition(valuePath.inner(), valuePath.path());
        }
        if (filter instanceof Filter.Present present) {
            Column column = column(present.path(), parent);
            return column.kind() == Kind.EXISTS
                    ? exists(column, null)
                    : "(" + column.sql() + " IS NOT NULL" + (textual(column) ? " AND " + column.sql() + " <> ''" : "")
                            + ")";
        }
        Filter.Compare compare = (Filter.Compare) filter;
        return compare(column(compare.path(), parent), compare);
    }

    private Column column(AttrPath path, AttrPath parent) {
        AttrPath full = parent == null ? path : parent.withSub(path.attribute());
        if (parent != null && path.subAttribute() != null) {
            throw ScimException.invalidFilter("Not a valid path inside a value filter: " + path);
        }
        Column column = columns.get(full.key());
        if (column == null && full.subAttribute() == null) {
            column = columns.get(full.key() + ".value");
        }
        if (column == null) {
            throw ScimException.invalidFilter(
                    "Filtering on '" + full + "' is not supported; filterable: " + String.join(", ", columns.keySet()));
        }
        return column;
    }

    private String compare(Column column, Filter.Compare compare) {
        Filter.Op op = compare.op();
        if (compare.value().isNull()) {
            return switch (op) {
                case EQ -> column.kind() == Kind.EXISTS
                        ? "(NOT " + exists(column, null) + ")"
                        : "(" + column.sql() + " IS NULL)";
                case NE -> column.kind() == Kind.EXISTS ? exists(column, null) : "(" + column.sql() + " IS NOT NULL)";
                default -> throw ScimException.invalidFilter("Only eq and ne compare with null");
            };
        }
        return switch (column.kind()) {
            case EXISTS -> {
                if (op != Filter.Op.EQ || !compare.value().isTextual()) {
                    throw ScimException.invalidFilter("'" + compare.path() + "' supports eq with a string only");
                }
                yield exists(column, compare.value().textValue());
            }
            case BOOLEAN -> {
                if ((op != Filter.Op.EQ && op != Filter.Op.NE)
                        || !compare.value().isBoolean()) {
                    throw ScimException.invalidFilter(
                            "'" + compare.path() + "' is a boolean: eq or ne with true or false");
                }
                parameters.add(compare.value().booleanValue());
                yield "COALESCE(" + column.sql() + (op == Filter.Op.EQ ? " = ?" : " <> ?") + ", FALSE)";
            }
            case TIMESTAMP -> {
                if (!compare.value().isTextual() || op == Filter.Op.CO || op == Filter.Op.SW || op == Filter.Op.EW) {
                    throw ScimException.invalidFilter(
                            "'" + compare.path() + "' is a date-time: eq ne gt ge lt le with an ISO-8601 string");
                }
                try {
                    parameters.add(OffsetDateTime.parse(compare.value().textValue()));
                } catch (DateTimeParseException e) {
                    throw ScimException.invalidFilter(
                            "Not an ISO-8601 date-time: " + compare.value().textValue());
                }
                yield nullSafe(column.sql() + " " + sqlOperator(op) + " ?");
            }
            case KEY, TEXT, EXACT -> {
                if (!compare.value().isTextual()) {
                    throw ScimException.invalidFilter(
                            "'" + compare.path() + "' is a string: compare it with a quoted string");
                }
                String value = compare.value().textValue();
                String expression = column.kind() == Kind.TEXT ? "LOWER(" + column.sql() + ")" : column.sql();
                if (column.kind() != Kind.EXACT) {
                    value = value.toLowerCase(Locale.ROOT);
                }
                yield switch (op) {
                    case CO, SW, EW -> {
                        String escaped =
                                value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
                        parameters.add((op == Filter.Op.SW ? "" : "%") + escaped + (op == Filter.Op.EW ? "" : "%"));
                        yield nullSafe(expression + " LIKE ? ESCAPE '\\'");
                    }
                    case NE -> {
                        parameters.add(value);
                        yield "(" + expression + " IS NULL OR " + expression + " <> ?)";
                    }
                    default -> {
                        parameters.add(value);
                        yield nullSafe(expression + " " + sqlOperator(op) + " ?");
                    }
                };
            }
        };
    }

    private String exists(Column column, String value) {
        if (value == null) {
            return column.sql().replace("= ?", "IS NOT NULL");
        }
        parameters.add(value);
        return column.sql();
    }

    private static boolean textual(Column column) {
        return column.kind() == Kind.KEY || column.kind() == Kind.TEXT || column.kind() == Kind.EXACT;
    }

    /** A comparison that is false, not unknown, on NULL: so that {@code not (…)} includes rows without the value. */
    private static String nullSafe(String comparison) {
        return "COALESCE(" + comparison + ", FALSE)";
    }

    private static String sqlOperator(Filter.Op op) {
        return switch (op) {
            case EQ -> "=";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            default -> throw new IllegalArgumentException(op.name());
        };
    }
}
