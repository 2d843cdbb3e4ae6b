package io.provisioning.emulator;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** The CSV of Bulk API 2.0 (RFC 4180, comma, LF or CRLF): rows read one at a time, rows written fully quoted. */
final class BulkCsv {
    private final Reader in;
    private int peeked = -2;

    BulkCsv(Reader in) {
        this.in = in;
    }

    /** @return the next row's values, or null at the end */
    List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> row = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IOException("unterminated quoted value");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        value.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    value.append((char) c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(value.toString());
                value.setLength(0);
            } else if (c == '\n' || c == -1) {
                break;
            } else if (c == '\r') {
                int n = read();
                if (n != '\n') {
                    peeked = n;
                }
                break;
            } else {
                value.append((char) c);
            }
            c = read();
        }
        row.add(value.toString());
        return row;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    /** One row, every value quoted, LF-terminated. */
    static String line(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values.get(i) == null ? "" : values.get(i);
            out.append('"').append(v.replace("\"", "\"\"")).append('"');
        }
        return out.append('\n').toString();
    }
}
