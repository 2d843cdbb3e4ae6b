package io.provisioning.bulk;

import io.provisioning.directory.BulkResults;
import io.provisioning.support.SpreadsheetSafe;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@code <name>.result.csv}: every row of the file with its outcome (created, updated, deleted, unchanged,
 * invalid, duplicate + reason) and each application's provisioning state (provisioned, failed + error code, …).
 * Written to a temporary name first, so a reader never sees half a file; links are never followed; every cell is
 * formula-safe.
 */
public final class ResultFile {

    private final BulkResults results;

    public ResultFile(BulkResults results) {
        this.results = results;
    }

    public void write(String jobId, Path target) {
        writeAtomically(target, csv -> {
            csv.printRecord("row", "userName", "action", "outcome", "detail", "salesforce");
            results.forEach(jobId, result -> {
                StringBuilder salesforce = new StringBuilder();
                result.applications().forEach((application, state) -> {
                    if (salesforce.length() > 0) {
                        salesforce.append("; ");
                    }
                    salesforce.append(application).append(": ").append(state);
                });
                try {
                    csv.printRecord(
                            result.rowNo(),
                            safe(result.userName()),
                            safe(result.action()),
                            safe(result.outcome()),
                            safe(result.detail()),
                            safe(salesforce.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        });
    }

    /** A result file for a file that could not be imported at all. */
    public static void writeFailure(Path target, String reason) {
        writeAtomically(target, csv -> {
            csv.printRecord("row", "userName", "action", "outcome", "detail", "salesforce");
            csv.printRecord("", "", "", "file-failed", safe(reason), "");
        });
    }

    /** The lines of a table, handed one by one to {@code line}. */
    public interface Lines {
        void each(java.util.function.Consumer<List<?>> line) throws IOException;
    }

    /**
     * Writes a CSV table the same safe way as a result file (temporary file, atomic rename, formula-safe cells), e.g.
     * the plan of a plan file.
     */
    public static void writeTable(Path target, List<String> header, Lines lines) {
        writeAtomically(target, csv -> {
            csv.printRecord(header);
            lines.each(cells -> {
                try {
                    csv.printRecord(cells.stream()
                            .map(c -> c == null ? "" : safe(c.toString()))
                            .toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        });
    }

    private interface Content {
        void print(CSVPrinter csv) throws IOException;
    }

    /**
     * Writes to a new temporary file (O_EXCL and O_NOFOLLOW: a link planted at its name is never followed) and moves it
     * into place in one step. An existing link (or other non-regular entry) at the target is refused, not replaced.
     */
    private static void writeAtomically(Path target, Content content) {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("a link or special file is in the way; it is left as it is");
            }
            Files.deleteIfExists(temp); // a left-over of a crash, or a planted link: removed, not followed
            try (Writer writer = new OutputStreamWriter(
                            Files.newOutputStream(
                                    temp,
                                    StandardOpenOption.CREATE_NEW,
                                    StandardOpenOption.WRITE,
                                    LinkOption.NOFOLLOW_LINKS),
                            StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(new BufferedWriter(writer), CSVFormat.RFC4180)) {
                content.print(csv);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot write the result file " + target + ": " + e.getMessage(), e);
        }
    }

    /** Every cell is text a spreadsheet must not run (OWASP CSV injection). */
    private static String safe(String value) {
        return SpreadsheetSafe.text(value);
    }
}
