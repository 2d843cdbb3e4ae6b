package io.provisioning.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits SOQL text into tokens; string literals support the SOQL escapes (\' \" \\ \n \r \t \b \f \_ \%). */
final class SoqlLexer {
    private static final Pattern DATETIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2}))?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private SoqlLexer() {}

    static List<SoqlToken> tokenize(String soql) {
        List<SoqlToken> tokens = new ArrayList<>();
        int i = 0;
        int row = 1;
        int lineStart = 0;
        while (i < soql.length()) {
            char c = soql.charAt(i);
            int col = i - lineStart + 1;
            if (c == '\n') {
                row++;
                lineStart = i + 1;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new SoqlToken(SoqlToken.Kind.LPAREN, "(", row, col));
                i++;
            } else if (c == ')') {
                tokens.add(new SoqlToken(SoqlToken.Kind.RPAREN, ")", row, col));
                i++;
            } else if (c == ',') {
                tokens.add(new SoqlToken(SoqlToken.Kind.COMMA, ",", row, col));
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < soql.length()) {
                    char d = soql.charAt(j);
                    if (d == '\\' && j + 1 < soql.length()) {
                        char e = soql.charAt(j + 1);
                        switch (e) {
                            case 'n' -> sb.append('\n');
                            case 'r' -> sb.append('\r');
                            case 't' -> sb.append('\t');
                            case 'b' -> sb.append('\b');
                            case 'f' -> sb.append('\f');
                            case '_', '%' -> sb.append('\\').append(e); // kept escaped for LIKE
                            case '\'', '"', '\\' -> sb.append(e);
                            default -> throw malformed("Invalid string literal '" + soql.substring(i, j + 2)
                                    + "'. Illegal character sequence '\\" + e + "' in string literal.");
                        }
                        j += 2;
                    } else if (d == c) {
                        closed = true;
                        j++;
                        break;
                    } else {
                        sb.append(d);
                        j++;
                    }
                }
                if (!closed) {
                    throw malformed("unexpected token: '" + soql.substring(i) + "'");
                }
                tokens.add(new SoqlToken(SoqlToken.Kind.STRING, sb.toString(), row, col));
                i = j;
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                String op = String.valueOf(c);
                if (i + 1 < soql.length()) {
                    char n = soql.charAt(i + 1);
                    if (n == '=' || (c == '<' && n == '>')) {
                        op += n;
                    }
                }
                if (op.equals("!")) {
                    throw malformed("unexpected token: '!'");
                }
                tokens.add(new SoqlToken(SoqlToken.Kind.OPERATOR, op.equals("<>") ? "!=" : op, row, col));
                i += op.length();
            } else if (Character.isDigit(c)
                    || (c == '-' && i + 1 < soql.length() && Character.isDigit(soql.charAt(i + 1)))) {
                Matcher dt = DATETIME.matcher(soql).region(i, soql.length());
                if (c != '-' && dt.lookingAt()) {
                    tokens.add(new SoqlToken(SoqlToken.Kind.DATETIME, dt.group(), row, col));
                    i = dt.end();
                } else {
                    Matcher num = NUMBER.matcher(soql).region(i, soql.length());
                    num.lookingAt();
                    tokens.add(new SoqlToken(SoqlToken.Kind.NUMBER, num.group(), row, col));
                    i = num.end();
                }
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < soql.length()
                        && (Character.isLetterOrDigit(soql.charAt(j))
                                || soql.charAt(j) == '_'
                                || soql.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(new SoqlToken(SoqlToken.Kind.IDENT, soql.substring(i, j), row, col));
                i = j;
            } else {
                throw malformed("unexpected token: '" + c + "'");
            }
        }
        int lastCol = soql.length() - lineStart + 1;
        tokens.add(new SoqlToken(SoqlToken.Kind.EOF, "", row, lastCol));
        return tokens;
    }

    static ApiException malformed(String message) {
        return ApiException.badRequest("MALFORMED_QUERY", message);
    }
}
