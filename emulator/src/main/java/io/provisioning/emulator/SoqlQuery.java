package io.provisioning.emulator;

import java.util.List;

/** Parsed SOQL: the subset the emulator supports. */
record SoqlQuery(
        List<FieldRef> fields,
        boolean count,
        SoqlToken object,
        Condition where,
        List<Order> orderBy,
        Integer limit,
        Integer offset) {

    /** A field name as written, with its token (for error positions). */
    record FieldRef(String name, SoqlToken token) {}

    record Order(FieldRef field, boolean descending, Boolean nullsFirst) {}

    /** A literal value: String, Boolean, Long/Double (as BigDecimal), DateTime text, or null. */
    record Literal(SoqlToken.Kind kind, Object value) {}

    sealed interface Condition permits And, Or, Not, Comparison, In {}

    record And(Condition left, Condition right) implements Condition {}

    record Or(Condition left, Condition right) implements Condition {}

    record Not(Condition inner) implements Condition {}

    record Comparison(FieldRef field, String operator, Literal value) implements Condition {}

    record In(FieldRef field, boolean negated, List<Literal> values) implements Condition {}
}
