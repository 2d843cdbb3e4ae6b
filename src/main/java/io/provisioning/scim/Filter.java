package io.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed SCIM filter (RFC 7644 §3.4.2.2). */
public sealed interface Filter {

    enum Op {
        EQ,
        NE,
        CO,
        SW,
        EW,
        GT,
        GE,
        LT,
        LE
    }

    /** {@code attrPath op value}; value is a JSON string, number, boolean or null. */
    record Compare(AttrPath path, Op op, JsonNode value) implements Filter {}

    /** {@code attrPath pr}. */
    record Present(AttrPath path) implements Filter {}

    record And(Filter left, Filter right) implements Filter {}

    record Or(Filter left, Filter right) implements Filter {}

    record Not(Filter inner) implements Filter {}

    /**
     * {@code attrPath[filter]}: the inner filter applies to the sub-attributes of each value of a multi-valued
     * attribute.
     */
    record ValuePath(AttrPath path, Filter inner) implements Filter {}
}
