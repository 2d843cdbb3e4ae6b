package io.provisioning.scim;

import java.util.Locale;

/**
 * An attribute path of a filter or PATCH: the schema URN it is qualified with (null = the resource's core schema),
 * the attribute and an optional sub-attribute ({@code name.givenName}).
 */
record AttrPath(String schema, String attribute, String subAttribute) {

    /** Parses {@code [URN ":"] attr ["." subAttr]}; the URN may itself contain dots ({@code …:enterprise:2.0:User}). */
    public static AttrPath parse(String text) {
        String schema = null;
        String rest = text;
        if (text.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = text.lastIndexOf(':');
            schema = text.substring(0, colon);
            rest = text.substring(colon + 1);
            if (schema.equalsIgnoreCase(ScimSchemas.USER) || schema.equalsIgnoreCase(ScimSchemas.GROUP)) {
                schema = null;
            } else if (schema.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER)) {
                schema = ScimSchemas.ENTERPRISE_USER;
            } else {
                throw ScimException.invalidPath("Unknown schema in attribute path '" + text + "'");
            }
        }
        int dot = rest.indexOf('.');
        String attribute = dot < 0 ? rest : rest.substring(0, dot);
        String sub = dot < 0 ? null : rest.substring(dot + 1);
        if (!valid(attribute) || (sub != null && !valid(sub))) {
            throw ScimException.invalidPath("Not a valid attribute path: '" + text + "'");
        }
        return new AttrPath(schema, attribute, sub);
    }

    private static boolean valid(String name) {
        return name.matches("\\$?[A-Za-z][A-Za-z0-9_$-]*");
    }

    /**
     * The path in lower case without the core schema, e.g. {@code name.givenname} or {@code urn:…:user:manager.value}.
     */
    public String key() {
        String base =
                (schema == null ? "" : schema + ":") + attribute + (subAttribute == null ? "" : "." + subAttribute);
        return base.toLowerCase(Locale.ROOT);
    }

    public AttrPath withSub(String sub) {
        return new AttrPath(schema, attribute, sub);
    }

    @Override
    public String toString() {
        return (schema == null ? "" : schema + ":") + attribute + (subAttribute == null ? "" : "." + subAttribute);
    }
}
