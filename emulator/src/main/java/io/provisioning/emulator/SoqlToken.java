package io.provisioning.emulator;

/** One SOQL token; {@code column} is 1-based within {@code row}. */
record SoqlToken(Kind kind, String text, int row, int column) {
    enum Kind {
        IDENT,
        STRING,
        NUMBER,
        DATETIME,
        OPERATOR,
        LPAREN,
        RPAREN,
        COMMA,
        EOF
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    String display() {
        return kind == Kind.EOF ? "<EOF>" : kind == Kind.STRING ? "'" + text + "'" : text;
    }
}
