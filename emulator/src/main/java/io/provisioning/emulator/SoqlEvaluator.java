package io.provisioning.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a parsed query against the schema and runs it over the store. Call under the store's read lock. */
final class SoqlEvaluator {
    /** Matching records (selected fields resolved later) and the total before LIMIT/OFFSET paging. */
    record Result(ObjectSchema schema, List<SoqlColumn> fields, List<Map<String, Object>> records, int totalSize) {}

    private final SchemaRegistry schemas;
    private final OrgStore store;

    SoqlEvaluator(SchemaRegistry schemas, OrgStore store) {
        this.schemas = schemas;
        this.store = store;
    }

    Result run(String soql, boolean includeDeleted) {
        SoqlQuery q = SoqlParser.parse(soql);
        ObjectSchema schema = schemas.find(q.object().text());
        if (schema == null) {
            throw positioned(
                    soql,
                    q.object(),
                    "INVALID_TYPE",
                    "sObject type '" + q.object().text() + "' is not"
                            + " supported. If you are attempting to use a custom object, be sure to append the '__c' after the"
                            + " entity name. Please reference your WSDL or the describe call for the appropriate names.");
        }
        List<SoqlColumn> selected = new ArrayList<>();
        for (SoqlQuery.FieldRef f : q.fields()) {
            SoqlColumn def = column(soql, schema, f);
            if (!selected.contains(def)) {
                selected.add(def);
            }
        }
        if (q.where() != null) {
            check(soql, schema, q.where());
        }
        List<Map<String, Object>> matches = new ArrayList<>();
        for (Map<String, Object> record : store.all(schema.name())) {
            if (!includeDeleted && Boolean.TRUE.equals(record.get("IsDeleted"))) {
                continue;
            }
            if (q.where() == null || matches(soql, schema, q.where(), record)) {
                matches.add(record);
            }
        }
        if (!q.orderBy().isEmpty()) {
            matches.sort(comparator(soql, schema, q.orderBy()));
        }
        int from = q.offset() == null ? 0 : Math.min(q.offset(), matches.size());
        int to = q.limit() == null ? matches.size() : Math.min(matches.size(), from + q.limit());
        List<Map<String, Object>> page = new ArrayList<>(matches.subList(from, to));
        if (q.count()) {
            return new Result(schema, List.of(), List.of(), page.size());
        }
        return new Result(schema, selected, page, page.size());
    }

    /** A field or a parent's field ({@code PermissionSet.Name}: the reference field PermissionSetId's record). */
    private SoqlColumn column(String soql, ObjectSchema schema, SoqlQuery.FieldRef f) {
        int dot = f.name().indexOf('.');
        if (dot < 0) {
            return new SoqlColumn(null, null, resolve(soql, schema, f, f.name()));
        }
        String relationship = f.name().substring(0, dot);
        FieldDef reference = schema.field(relationship + "Id");
        ObjectSchema parent = reference == null || reference.referencePrefix() == null
                ? null
                : schemas.byKeyPrefix(reference.referencePrefix());
        if (parent == null) {
            throw positioned(
                    soql,
                    f.token(),
                    "INVALID_FIELD",
                    "Didn't understand relationship '" + relationship + "' in field path. If you are attempting to use"
                            + " a custom relationship, be sure to append the '__r' after the custom relationship name."
                            + " Please reference your WSDL or the describe call for the appropriate names.");
        }
        return new SoqlColumn(
                reference, parent, resolve(soql, parent, f, f.name().substring(dot + 1)));
    }

    private FieldDef resolve(String soql, ObjectSchema schema, SoqlQuery.FieldRef f) {
        return column(soql, schema, f).field();
    }

    private FieldDef resolve(String soql, ObjectSchema schema, SoqlQuery.FieldRef f, String name) {
        FieldDef def = name.contains(".") ? null : schema.field(name);
        if (def == null) {
            throw positioned(
                    soql,
                    f.token(),
                    "INVALID_FIELD",
                    "No such column '" + name + "' on entity '"
                            + schema.name()
                            + "'. If you are attempting to use a custom field, be sure to append the '__c'"
                            + " after the custom field name. Please reference your WSDL or the describe call for the"
                            + " appropriate names.");
        }
        return def;
    }

    private void check(String soql, ObjectSchema schema, SoqlQuery.Condition c) {
        if (c instanceof SoqlQuery.And a) {
            check(soql, schema, a.left());
            check(soql, schema, a.right());
        } else if (c instanceof SoqlQuery.Or o) {
            check(soql, schema, o.left());
            check(soql, schema, o.right());
        } else if (c instanceof SoqlQuery.Not n) {
            check(soql, schema, n.inner());
        } else if (c instanceof SoqlQuery.Comparison cmp) {
            checkLiteral(soql, resolve(soql, schema, cmp.field()), cmp.field(), cmp.value());
        } else if (c instanceof SoqlQuery.In in) {
            FieldDef def = resolve(soql, schema, in.field());
            in.values().forEach(v -> checkLiteral(soql, def, in.field(), v));
        }
    }

    private static void checkLiteral(String soql, FieldDef def, SoqlQuery.FieldRef ref, SoqlQuery.Literal lit) {
        if (lit.value() == null) {
            return;
        }
        if (def.type() == FieldType.BOOLEAN && !(lit.value() instanceof Boolean)) {
            throw positioned(
                    soql,
                    ref.token(),
                    "INVALID_FIELD",
                    "value of filter criterion for field '" + def.name()
                            + "' must be of type boolean and should not be enclosed in quotes");
        }
        if (def.type().isId() && lit.value() instanceof String s && SalesforceIds.normalize(s) == null) {
            throw positioned(soql, ref.token(), "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: " + s);
        }
    }

    private boolean matches(String soql, ObjectSchema schema, SoqlQuery.Condition c, Map<String, Object> record) {
        if (c instanceof SoqlQuery.And a) {
            return matches(soql, schema, a.left(), record) && matches(soql, schema, a.right(), record);
        }
        if (c instanceof SoqlQuery.Or o) {
            return matches(soql, schema, o.left(), record) || matches(soql, schema, o.right(), record);
        }
        if (c instanceof SoqlQuery.Not n) {
            return !matches(soql, schema, n.inner(), record);
        }
        if (c instanceof SoqlQuery.In in) {
            SoqlColumn column = column(soql, schema, in.field());
            FieldDef def = column.field();
            Object value = column.value(store, record);
            boolean any = false;
            for (SoqlQuery.Literal lit : in.values()) {
                if (equal(def, value, lit.value())) {
                    any = true;
                    break;
                }
            }
            return in.negated() != any;
        }
        SoqlQuery.Comparison cmp = (SoqlQuery.Comparison) c;
        SoqlColumn column = column(soql, schema, cmp.field());
        FieldDef def = column.field();
        Object value = column.value(store, record);
        Object lit = cmp.value().value();
        switch (cmp.operator()) {
            case "=":
                return equal(def, value, lit);
            case "!=":
                return !equal(def, value, lit);
            case "LIKE":
                return value != null && lit != null && like(value.toString(), lit.toString());
            default:
                if (value == null || lit == null) {
                    return false;
                }
                int r = compare(def, value, lit);
                return switch (cmp.operator()) {
                    case "<" -> r < 0;
                    case ">" -> r > 0;
                    case "<=" -> r <= 0;
                    default -> r >= 0;
                };
        }
    }

    private static boolean equal(FieldDef def, Object value, Object lit) {
        if (value == null || lit == null) {
            return value == null && lit == null;
        }
        if (def.type().isId()) {
            String id = SalesforceIds.normalize(lit.toString());
            return value.toString().equals(id);
        }
        return compare(def, value, lit) == 0;
    }

    private static int compare(FieldDef def, Object value, Object lit) {
        if (value instanceof Number || lit instanceof BigDecimal) {
            try {
                return new BigDecimal(value.toString()).compareTo(new BigDecimal(lit.toString()));
            } catch (NumberFormatException e) {
                // fall through to text comparison
            }
        }
        if (value instanceof Boolean b) {
            return Boolean.compare(b, Boolean.parseBoolean(lit.toString()));
        }
        return value.toString()
                .toLowerCase(Locale.ROOT)
                .compareTo(lit.toString().toLowerCase(Locale.ROOT));
    }

    /** SOQL LIKE: % any run, _ one char, \% and \_ literal; case-insensitive. */
    static boolean like(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
                .matcher(value)
                .matches();
    }

    private Comparator<Map<String, Object>> comparator(String soql, ObjectSchema schema, List<SoqlQuery.Order> orders) {
        Comparator<Map<String, Object>> result = null;
        for (SoqlQuery.Order o : orders) {
            SoqlColumn column = column(soql, schema, o.field());
            FieldDef def = column.field();
            boolean nullsFirst = o.nullsFirst() != null ? o.nullsFirst() : !o.descending();
            Comparator<Map<String, Object>> one = (a, b) -> {
                Object x = column.value(store, a);
                Object y = column.value(store, b);
                if (x == null || y == null) {
                    int n = x == null ? (y == null ? 0 : -1) : 1;
                    return nullsFirst ? n : -n;
                }
                int r = compare(def, x, y);
                return o.descending() ? -r : r;
            };
            result = result == null ? one : result.thenComparing(one);
        }
        return result;
    }

    static ApiException positioned(String soql, SoqlToken at, String errorCode, String message) {
        String[] lines = soql.split("\n", -1);
        String line = at.row() - 1 < lines.length ? lines[at.row() - 1] : soql;
        String caret = " ".repeat(Math.max(0, at.column() - 1)) + "^";
        return ApiException.badRequest(
                errorCode,
                "\n" + line + "\n" + caret + "\nERROR at Row:" + at.row() + ":Column:" + at.column() + "\n" + message);
    }
}
