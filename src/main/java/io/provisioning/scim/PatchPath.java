package io.provisioning.scim;

/**
 * A PATCH operation's {@code path} (RFC 7644 §3.5.2): {@code attrPath}, or {@code attrPath[valFilter]} optionally
 * followed by {@code .subAttr}, e.g. {@code emails[type eq "work"].value}.
 */
record PatchPath(AttrPath attribute, Filter valueFilter, String subAttribute) {

    public static PatchPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw ScimException.invalidPath("The path is empty");
        }
        String trimmed = text.trim();
        int open = trimmed.indexOf('[');
        if (open < 0) {
            AttrPath path = AttrPath.parse(trimmed);
            return new PatchPath(new AttrPath(path.schema(), path.attribute(), null), null, path.subAttribute());
        }
        int close = trimmed.lastIndexOf(']');
        if (close < open) {
            throw ScimException.invalidPath("Unbalanced '[' in path '" + text + "'");
        }
        AttrPath path = AttrPath.parse(trimmed.substring(0, open));
        if (path.subAttribute() != null) {
            throw ScimException.invalidPath(
                    "A value filter applies to a multi-valued attribute, not to '" + path + "'");
        }
        Filter filter;
        try {
            filter = FilterParser.parse(trimmed.substring(open + 1, close));
        } catch (ScimException e) {
            throw ScimException.invalidPath("Bad value filter in path '" + text + "': " + e.getMessage());
        }
        String rest = trimmed.substring(close + 1);
        String sub = null;
        if (!rest.isEmpty()) {
            if (!rest.startsWith(".") || !rest.substring(1).matches("\\$?[A-Za-z][A-Za-z0-9_$-]*")) {
                throw ScimException.invalidPath("Unexpected '" + rest + "' after the value filter in '" + text + "'");
            }
            sub = rest.substring(1);
        }
        return new PatchPath(path, filter, sub);
    }
}
