package io.provisioning.reports;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The CSV of a selection as an input stream that reads the next row from the database cursor only when the HTTP
 * response wants more bytes: memory stays flat whatever the selection's size. Closes the cursor at the end.
 */
public final class ReportCsvStream extends InputStream {

    private final ReportCursor cursor;
    private final CsvReportWriter writer;
    private byte[] buffer;
    private int position;
    private boolean done;

    public ReportCsvStream(ReportCursor cursor, CsvReportWriter writer) {
        this.cursor = cursor;
        this.writer = writer;
        this.buffer = writer.header().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    private boolean fill() {
        while (position >= buffer.length) {
            if (done) {
                return false;
            }
            ReportRow row = cursor.next();
            if (row == null) {
                done = true;
                cursor.close();
                return false;
            }
            buffer = writer.line(row).getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        return true;
    }

    @Override
    public void close() {
        done = true;
        cursor.close();
    }
}
