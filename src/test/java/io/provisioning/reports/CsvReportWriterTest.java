package io.provisioning.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CsvReportWriterTest {

    private final CsvReportWriter writer = new CsvReportWriter();

    @Test
    void neutralisesFormulasInEveryCell() {
        assertEquals(
                "'=HYPERLINK(\"\"x\"\")",
                CsvReportWriter.cell("=HYPERLINK(\"x\")").replaceAll("^\"|\"$", ""));
        assertEquals("'+1", CsvReportWriter.cell("+1"));
        assertEquals("'-1", CsvReportWriter.cell("-1"));
        assertEquals("'@SUM(A1)", CsvReportWriter.cell("@SUM(A1)"));
        assertEquals("'\tx", CsvReportWriter.cell("\tx"));
        assertEquals("\"'\rx\"", CsvReportWriter.cell("\rx"));
        assertEquals("plain", CsvReportWriter.cell("plain"));
        assertEquals("", CsvReportWriter.cell(null));
    }

    @Test
    void quotesSeparatorsQuotesAndLineBreaks() {
        assertEquals("\"a,b\"", CsvReportWriter.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvReportWriter.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvReportWriter.cell("two\nlines"));
    }

    @Test
    void writesOneLinePerRowInHeaderOrder() {
        ReportRow row = new ReportRow(
                7,
                Instant.parse("2025-03-01T10:00:00Z"),
                "=cmd|' /C calc'!A0",
                "salesforce",
                "create",
                "failure",
                null,
                "REQUIRED_FIELD_MISSING",
                "Required fields are missing: [Company]",
                "file:users.csv#17",
                "req-1",
                1,
                12L,
                5L);
        assertEquals(
                "2025-03-01T10:00:00Z,'=cmd|' /C calc'!A0,salesforce,create,failure,,REQUIRED_FIELD_MISSING,"
                        + "Required fields are missing: [Company],file:users.csv#17,req-1,1,12,5\r\n",
                writer.line(row));
        assertEquals(13, writer.header().split(",").length);
    }
}
