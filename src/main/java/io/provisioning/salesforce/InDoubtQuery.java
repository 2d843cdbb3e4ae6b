package io.provisioning.salesforce;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The one SOQL query that finds, for a batch of in-doubt creates, the records their earlier attempts may have made:
 * records created since the first of those attempts whose match fields hold one of the batch's values. It selects a
 * superset (each match field is an {@code IN} list, which keeps the query short for 200 records);
 * {@link InDoubtResolver} then pairs records and items exactly.
 */
final class InDoubtQuery {

    private InDoubtQuery() {}

    /**
     * @param matchFields fields compared between a record and the item's planned body
     * @param selected further fields to read back (the mapped fields, so an adopted record's values are known)
     * @param since the earliest time a record of the batch can have been created
     * @param bodies the planned create bodies of the in-doubt items
     */
    static String build(
            String sObject,
            List<String> matchFields,
            Collection<String> selected,
            Instant since,
            List<Map<String, Object>> bodies) {
        if (matchFields.isEmpty() || bodies.isEmpty()) {
            throw new IllegalArgumentException("an in-doubt lookup needs match fields and at least one item");
        }
        Set<String> fields = new LinkedHashSet<>(List.of("Id", "CreatedById", "CreatedDate"));
        fields.addAll(matchFields);
        fields.addAll(selected);
        List<String> conditions = new ArrayList<>();
        conditions.add("CreatedDate >= " + since.truncatedTo(ChronoUnit.SECONDS));
        for (String field : matchFields) {
            conditions.add(condition(field, bodies));
        }
        return "SELECT " + String.join(", ", fields) + " FROM " + sObject + " WHERE "
                + String.join(" AND ", conditions);
    }

    /**
     * Splits items, in order, into consecutive parts, each as full as its query length ({@code length}) allows up to
     * {@code max}; an item too long on its own is a part by itself.
     */
    static <T> List<List<T>> parts(List<T> items, ToIntFunction<List<T>> length, int max) {
        List<List<T>> parts = new ArrayList<>();
        List<T> part = new ArrayList<>();
        for (T item : items) {
            part.add(item);
            if (part.size() > 1 && length.applyAsInt(part) > max) {
                part.remove(part.size() - 1);
                parts.add(part);
                part = new ArrayList<>(List.of(item));
            }
        }
        parts.add(part);
        return parts;
    }

    private static String condition(String field, List<Map<String, Object>> bodies) {
        Set<String> values = new LinkedHashSet<>();
        boolean anyNull = false;
        for (Map<String, Object> body : bodies) {
            Object value = body.get(field);
            if (value == null) {
                anyNull = true;
            } else {
                values.add(literal(value));
            }
        }
        String in = values.isEmpty() ? null : field + " IN (" + String.join(", ", values) + ")";
        String isNull = anyNull ? field + " = null" : null;
        if (in != null && isNull != null) {
            return "(" + in + " OR " + isNull + ")";
        }
        return Objects.requireNonNullElse(in, isNull);
    }

    /** A SOQL string literal: backslash and quote escaped, so no value can change the query. */
    static String literal(Object value) {
        return "'" + value.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
