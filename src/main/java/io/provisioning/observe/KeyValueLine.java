package io.provisioning.observe;

/**
 * A {@code key=value key=value} log line: values with spaces, quotes or {@code =} are double-quoted, line breaks
 * escaped (so one operation stays one line), absent values left out.
 */
final class KeyValueLine {

    private static final int MAX_VALUE = 500;

    private final StringBuilder line = new StringBuilder();

    public KeyValueLine add(String key, Object value) {
        if (value == null) {
            return this;
        }
        if (line.length() > 0) {
            line.append(' ');
        }
        line.append(key).append('=').append(quote(value.toString()));
        return this;
    }

    static String quote(String value) {
        String text = value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…";
        boolean plain =
                !text.isEmpty() && text.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '=');
        if (plain) {
            return text;
        }
        return '"'
                + text.replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("\n", "\\n")
                        .replace("\r", "\\r")
                + '"';
    }

    @Override
    public String toString() {
        return line.toString();
    }
}
