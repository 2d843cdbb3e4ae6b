package io.provisioning.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for:
 * {@code SELECT f1, f2 | COUNT() FROM Obj [WHERE cond] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n]
 * [OFFSET n]}.
 */
final class SoqlParser {
    private final List<SoqlToken> tokens;
    private int pos;

    private SoqlParser(String soql) {
        this.tokens = SoqlLexer.tokenize(soql);
    }

    static SoqlQuery parse(String soql) {
        return new SoqlParser(soql).query();
    }

    private SoqlQuery query() {
        expectKeyword("SELECT");
        List<SoqlQuery.FieldRef> fields = new ArrayList<>();
        boolean count = false;
        if (peek().isKeyword("COUNT") && tokens.get(pos + 1).kind() == SoqlToken.Kind.LPAREN) {
            next();
            next();
            expect(SoqlToken.Kind.RPAREN);
            count = true;
        } else {
            do {
                fields.add(field());
            } while (accept(SoqlToken.Kind.COMMA));
        }
        expectKeyword("FROM");
        SoqlToken object = next();
        if (object.kind() != SoqlToken.Kind.IDENT) {
            throw unexpected(object);
        }
        SoqlQuery.Condition where = null;
        if (acceptKeyword("WHERE")) {
            where = or();
        }
        List<SoqlQuery.Order> orders = new ArrayList<>();
        if (acceptKeyword("ORDER")) {
            expectKeyword("BY");
            do {
                SoqlQuery.FieldRef f = field();
                boolean desc = false;
                if (acceptKeyword("DESC")) {
                    desc = true;
                } else {
                    acceptKeyword("ASC");
                }
                Boolean nullsFirst = null;
                if (acceptKeyword("NULLS")) {
                    if (acceptKeyword("FIRST")) {
                        nullsFirst = true;
                    } else {
                        expectKeyword("LAST");
                        nullsFirst = false;
                    }
                }
                orders.add(new SoqlQuery.Order(f, desc, nullsFirst));
            } while (accept(SoqlToken.Kind.COMMA));
        }
        Integer limit = null;
        Integer offset = null;
        if (acceptKeyword("LIMIT")) {
            limit = integer();
        }
        if (acceptKeyword("OFFSET")) {
            offset = integer();
        }
        if (peek().kind() != SoqlToken.Kind.EOF) {
            throw unexpected(peek());
        }
        return new SoqlQuery(fields, count, object, where, orders, limit, offset);
    }

    private SoqlQuery.Condition or() {
        SoqlQuery.Condition left = and();
        while (acceptKeyword("OR")) {
            left = new SoqlQuery.Or(left, and());
        }
        return left;
    }

    private SoqlQuery.Condition and() {
        SoqlQuery.Condition left = not();
        while (acceptKeyword("AND")) {
            left = new SoqlQuery.And(left, not());
        }
        return left;
    }

    private SoqlQuery.Condition not() {
        if (acceptKeyword("NOT")) {
            return new SoqlQuery.Not(not());
        }
        if (accept(SoqlToken.Kind.LPAREN)) {
            SoqlQuery.Condition inner = or();
            expect(SoqlToken.Kind.RPAREN);
            return inner;
        }
        return comparison();
    }

    private SoqlQuery.Condition comparison() {
        SoqlQuery.FieldRef f = field();
        SoqlToken t = next();
        if (t.kind() == SoqlToken.Kind.OPERATOR) {
            return new SoqlQuery.Comparison(f, t.text(), literal());
        }
        if (t.isKeyword("LIKE")) {
            return new SoqlQuery.Comparison(f, "LIKE", literal());
        }
        boolean negated = false;
        if (t.isKeyword("NOT")) {
            negated = true;
            t = next();
        }
        if (t.isKeyword("IN")) {
            expect(SoqlToken.Kind.LPAREN);
            List<SoqlQuery.Literal> values = new ArrayList<>();
            do {
                values.add(literal());
            } while (accept(SoqlToken.Kind.COMMA));
            expect(SoqlToken.Kind.RPAREN);
            return new SoqlQuery.In(f, negated, values);
        }
        throw unexpected(t);
    }

    private SoqlQuery.Literal literal() {
        SoqlToken t = next();
        return switch (t.kind()) {
            case STRING -> new SoqlQuery.Literal(t.kind(), t.text());
            case NUMBER -> new SoqlQuery.Literal(t.kind(), new BigDecimal(t.text()));
            case DATETIME -> new SoqlQuery.Literal(t.kind(), SfTime.fromLiteral(t.text()));
            case IDENT -> {
                if (t.isKeyword("null")) {
                    yield new SoqlQuery.Literal(t.kind(), null);
                }
                if (t.isKeyword("true") || t.isKeyword("false")) {
                    yield new SoqlQuery.Literal(
                            t.kind(), Boolean.parseBoolean(t.text().toLowerCase()));
                }
                throw unexpected(t);
            }
            default -> throw unexpected(t);
        };
    }

    private SoqlQuery.FieldRef field() {
        SoqlToken t = next();
        if (t.kind() != SoqlToken.Kind.IDENT || isReserved(t)) {
            throw unexpected(t);
        }
        return new SoqlQuery.FieldRef(t.text(), t);
    }

    private static boolean isReserved(SoqlToken t) {
        for (String k :
                new String[] {"SELECT", "FROM", "WHERE", "ORDER", "BY", "LIMIT", "OFFSET", "AND", "OR", "NOT"}) {
            if (t.isKeyword(k)) {
                return true;
            }
        }
        return false;
    }

    private int integer() {
        SoqlToken t = next();
        if (t.kind() != SoqlToken.Kind.NUMBER
                || t.text().contains(".")
                || t.text().startsWith("-")) {
            throw unexpected(t);
        }
        return Integer.parseInt(t.text());
    }

    private SoqlToken peek() {
        return tokens.get(pos);
    }

    private SoqlToken next() {
        SoqlToken t = tokens.get(pos);
        if (t.kind() != SoqlToken.Kind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean accept(SoqlToken.Kind kind) {
        if (peek().kind() == kind) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(SoqlToken.Kind kind) {
        if (!accept(kind)) {
            throw unexpected(peek());
        }
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw unexpected(peek());
        }
    }

    private static ApiException unexpected(SoqlToken t) {
        return SoqlLexer.malformed(
                "unexpected token: " + (t.kind() == SoqlToken.Kind.EOF ? "<EOF>" : "'" + t.text() + "'"));
    }
}
