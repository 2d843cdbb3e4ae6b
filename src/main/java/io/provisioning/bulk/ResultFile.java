package io.provisioning.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.provisioning.directory.BulkResults;
import io.provisioning.support.SpreadsheetSafe;

/**
 * Writes {@code <name>.result.csv}: every row of the file with its outcome (created, updated, deleted, unchanged,
 * invalid, duplicate + reason) and each application's provisioning state (provisioned, failed + error code, …).
 * Written to a temporary name first, so a reader never sees half a file.
 */
public final class ResultFile {

    private final BulkResults results;

    public ResultFile(BulkResults results) {
        this.results = results;
    }

    public void write(String jobId, Path target) {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
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
                        csv.printRecord(result.rowNo(), safe(result.userName()), result.action(), result.outcome(),
                                safe(result.detail()), salesforce.toString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot write the result file " + target + ": " + e.getMessage(), e);
        }
    }

    /** A result file for a file that could not be imported at all. */
    public static void writeFailure(Path target, String reason) {
        try {
            Files.createDirectories(target.getParent());
            try (Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
                csv.printRecord("row", "userName", "action", "outcome", "detail", "salesforce");
                csv.printRecord("", "", "", "file-failed", safe(reason), "");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the result file " + target + ": " + e.getMessage(), e);
        }
    }

    private static String safe(String value) {
        return SpreadsheetSafe.text(value);
    }
}
