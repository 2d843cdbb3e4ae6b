package io.provisioning.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses SCIM filters: {@code eq ne co sw ew gt ge lt le pr}, {@code and} (binds tighter than) {@code or},
 * {@code not (…)}, parentheses, value paths {@code emails[type eq "work"]}. Operators and keywords are
 * case-insensitive; anything else is {@code invalidFilter}.
 */
final class FilterParser {

    private static final int MAX_LENGTH = 4096;
    private static final int MAX_DEPTH = 32;

    private final List<String> tokens;
    private int position;
    private int depth;

    private FilterParser(List<String> tokens) {
        this.tokens = tokens;
    }

    public static Filter parse(String text) {
        if (text == null || text.isBlank()) {
            throw ScimException.invalidFilter("The filter is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw ScimException.invalidFilter("The filter is longer than " + MAX_LENGTH + " characters");
        }
        FilterParser parser = new FilterParser(tokenize(text));
        Filter filter = parser.or();
        if (parser.position < parser.tokens.size()) {
            throw ScimException.invalidFilter("Unexpected '" + parser.tokens.get(parser.position) + "' in filter");
        }
        return filter;
    }

    private Filter or() {
        Filter left = and();
        while (keyword("or")) {
            left = new Filter.Or(left, and());
        }
        return left;
    }

    private Filter and() {
        Filter left = unary();
        while (keyword("and")) {
            left = new Filter.And(left, unary());
        }
        return left;
    }

    private Filter unary() {
        if (++depth > MAX_DEPTH) {
            throw ScimException.invalidFilter("The filter is nested too deeply");
        }
        try {
            if (keyword("not")) {
                expect("(");
                Filter inner = or();
                expect(")");
                return new Filter.Not(inner);
            }
            if (peekIs("(")) {
                position++;
                Filter inner = or();
                expect(")");
                return inner;
            }
            return attributeExpression();
        } finally {
            depth--;
        }
    }

    private Filter attributeExpression() {
        String pathText = next("an attribute path");
        if (isSymbol(pathText) || pathText.startsWith("\"")) {
            throw ScimException.invalidFilter("Expected an attribute path, found '" + pathText + "'");
        }
        AttrPath path = AttrPath.parse(pathText);
        if (peekIs("[")) {
            position++;
            Filter inner = or();
            expect("]");
            if (position < tokens.size() && tokens.get(position).startsWith(".")) {
                throw ScimException.invalidFilter("A sub-attribute after a value filter is not allowed in a filter");
            }
            return new Filter.ValuePath(path, inner);
        }
        String operator = next("an operator").toLowerCase(Locale.ROOT);
        if (operator.equals("pr")) {
            return new Filter.Present(path);
        }
        Filter.Op op;
        try {
            op = Filter.Op.valueOf(operator.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidFilter("Unknown operator '" + operator + "'");
        }
        return new Filter.Compare(path, op, value(next("a value")));
    }

    private static JsonNode value(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("null")) {
            return NullNode.getInstance();
        }
        if (lower.equals("true")
                || lower.equals("false")
                || token.startsWith("\"")
                || token.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
            try {
                return ScimJson.MAPPER.readTree(token.startsWith("\"") ? token : lower);
            } catch (JsonProcessingException e) {
                throw ScimException.invalidFilter("Not a valid value: " + token);
            }
        }
        throw ScimException.invalidFilter(
                "Expected a value (a quoted string, number, true, false or null), found '" + token + "'");
    }

    private boolean keyword(String word) {
        if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(word)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean peekIs(String symbol) {
        return position < tokens.size() && tokens.get(position).equals(symbol);
    }

    private void expect(String symbol) {
        String token = next("'" + symbol + "'");
        if (!token.equals(symbol)) {
            throw ScimException.invalidFilter("Expected '" + symbol + "', found '" + token + "'");
        }
    }

    private String next(String what) {
        if (position >= tokens.size()) {
            throw ScimException.invalidFilter("The filter ends where " + what + " is expected");
        }
        return tokens.get(position++);
    }

    private static boolean isSymbol(String token) {
        return token.equals("(") || token.equals(")") || token.equals("[") || token.equals("]");
    }

    /** Words, quoted strings (JSON escapes kept for the JSON reader) and the symbols {@code ( ) [ ]}. */
    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("()[]".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '"') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= text.length()) {
                    throw ScimException.invalidFilter("Unterminated string in filter");
                }
                tokens.add(text.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length()
                        && !Character.isWhitespace(text.charAt(end))
                        && "()[]\"".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(text.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }
}
