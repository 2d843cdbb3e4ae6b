package io.provisioning.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A small expression for computed fields: literal text with {@code ${attribute}} or {@code ${attribute:start:length}}
 * (a substring, clipped to the value) placeholders, e.g. {@code ${firstName:0:1}${lastName}} for an Alias.
 * Missing attributes read as empty text.
 */
public final class MappingTemplate {

    private interface Part extends Function<Function<String, Object>, String> {}

    private final String text;
    private final List<Part> parts;

    private MappingTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException with the reason, when the expression is malformed */
    public static MappingTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                String literal = text.substring(i);
                parts.add(attributes -> literal);
                break;
            }
            if (start > i) {
                String literal = text.substring(i, start);
                parts.add(attributes -> literal);
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed '${' at position " + (start + 1) + " in '" + text + "'");
            }
            parts.add(placeholder(text.substring(start + 2, end).trim(), text));
            i = end + 1;
        }
        return new MappingTemplate(text, List.copyOf(parts));
    }

    private static Part placeholder(String content, String text) {
        String[] pieces = content.split(":", -1);
        String name = pieces[0].trim();
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'" + content + "' is not an attribute name in '" + text + "'");
        }
        if (pieces.length == 1) {
            return attributes -> valueOf(attributes.apply(name));
        }
        if (pieces.length != 3) {
            throw new IllegalArgumentException(
                    "'${" + content + "}' must be ${name} or ${name:start:length} in '" + text + "'");
        }
        int from;
        int length;
        try {
            from = Integer.parseInt(pieces[1].trim());
            length = Integer.parseInt(pieces[2].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("start and length in '${" + content + "}' must be numbers");
        }
        if (from < 0 || length < 1) {
            throw new IllegalArgumentException("start must be >= 0 and length >= 1 in '${" + content + "}'");
        }
        return attributes -> {
            String value = valueOf(attributes.apply(name));
            int begin = Math.min(from, value.length());
            return value.substring(begin, Math.min(value.length(), begin + length));
        };
    }

    private static String valueOf(Object value) {
        return value == null ? "" : value.toString();
    }

    public String render(Function<String, Object> attributes) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part.apply(attributes));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
