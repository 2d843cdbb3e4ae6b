package io.provisioning.bulk;

import io.provisioning.directory.BulkOutcome;
import io.provisioning.directory.BulkRow;
import io.provisioning.directory.BulkRowWriter;
import io.provisioning.directory.ClaimLostException;
import io.provisioning.directory.InboundFiles;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.Outbox;
import io.provisioning.reports.ReportRows;
import io.provisioning.support.ExchangeKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk import by file drop. As the inbox consumer's filter it claims complete files (unchanged for a while, not a
 * temporary name) for this instance; as a bean it streams a claimed file in chunks into the directory and the
 * outbox; as the finisher it writes each file's result once all its provisioning work is done.
 */
public class BulkFiles implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(BulkFiles.class);

    /** Exchange property: this instance stopped reading the file as another took it over; it stays in the inbox. */
    public static final String CLAIM_LOST = "bulkFileClaimLost";

    /** Settings of the inbox. */
    public record Settings(
            Path inbox,
            long maxBytes,
            Duration minAge,
            int chunkSize,
            Duration logInterval,
            Set<String> requiredColumns,
            List<String> applications) {}

    private final Settings settings;
    private final InboundFiles files;
    private final Jobs jobs;
    private final BulkRowWriter writer;
    private final BulkRowParser rowParser;
    private final ResultFile resultFile;
    private final Outbox outbox;
    private final Map<String, InboundFiles.Claim> claims = new ConcurrentHashMap<>();

    public BulkFiles(
            Settings settings,
            InboundFiles files,
            Jobs jobs,
            BulkRowWriter writer,
            BulkRowParser rowParser,
            ResultFile resultFile,
            Outbox outbox) {
        this.settings = settings;
        this.files = files;
        this.jobs = jobs;
        this.writer = writer;
        this.rowParser = rowParser;
        this.resultFile = resultFile;
        this.outbox = outbox;
    }

    /** The inbox consumer's filter: true only for a complete CSV file that this instance has just claimed. */
    @Override
    public boolean accept(GenericFile<Object> file) {
        String name = file.getFileNameOnly();
        if (file.isDirectory()
                || name.startsWith(".")
                || !name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return false;
        }
        // Still being written: wait until it has not changed for a while (or was renamed into place).
        if (System.currentTimeMillis() - file.getLastModified()
                < settings.minAge().toMillis()) {
            return false;
        }
        String key = key(name, file.getFileLength(), file.getLastModified());
        if (files.known(key)) {
            return false;
        }
        var claim = files.claim(key, name, file.getFileLength());
        if (claim.isEmpty()) {
            return false; // another instance claimed it first
        }
        if (claim.get().takenOver()) {
            LOG.warn(
                    "Bulk file {}: taking over job {} after its instance stopped; resuming after row {}",
                    name,
                    claim.get().jobId(),
                    claim.get().rowsCommitted());
        }
        claims.put(file.getAbsoluteFilePath(), claim.get());
        return true;
    }

    /** Imports the claimed file of the exchange. A file-level problem fails the file (moved to failed/). */
    public void importFile(Exchange exchange) {
        Path path = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class))
                .toAbsolutePath();
        InboundFiles.Claim claim =
                claims.remove(exchange.getMessage().getHeader("CamelFileAbsolutePath", String.class));
        if (claim == null) {
            throw new IllegalStateException("Bulk file " + path + " was not claimed by this instance");
        }
        String name = path.getFileName().toString();
        exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, "job:" + claim.jobId());
        exchange.setProperty(ExchangeKeys.SOURCE, "file:" + name);
        exchange.setProperty(ExchangeKeys.OPERATION, "bulk-import");
        exchange.setProperty(ExchangeKeys.APPLICATION, "directory");
        exchange.setProperty(ExchangeKeys.REQUEST_ID, claim.jobId());
        exchange.setProperty(ExchangeKeys.STARTED_AT, System.nanoTime());
        try {
            InboxEntry.requireRegularFile(path);
            long size = Files.size(path);
            if (size > settings.maxBytes()) {
                throw new BulkFileException("is " + size + " bytes, over the limit of " + settings.maxBytes()
                        + " (provisioning.inbox.max-file-bytes)");
            }
            Read read = read(path, name, claim);
            exchange.setProperty(ExchangeKeys.BULK_ROWS, read.totals());
            if (read.claimLost()) {
                // the instance that took the file over reads it to its end, finishes and moves it (InboxMoves)
                exchange.setProperty(CLAIM_LOST, true);
                return;
            }
            files.setStatus(
                    claim.jobId(),
                    InboundFiles.PROVISIONING,
                    settings.inbox()
                            .resolve("done")
                            .resolve(name + ".result.csv")
                            .toString());
            // The open stream still reads a file deleted meanwhile to its end, so its rows stand; say so, as the
            // move to done/ will fail with nothing to move.
            String note = Files.exists(path)
                    ? null
                    : "removed from the inbox while it was read: every row was read and is applied, nothing left to move to done/";
            if (note != null) {
                LOG.warn("Bulk file {} {}", name, note);
            }
            jobs.status(claim.jobId(), InboundFiles.PROVISIONING, note);
        } catch (BulkFileException e) {
            fail(claim.jobId(), name, e.getMessage());
            exchange.setProperty(ExchangeKeys.REPORT_STATUS, "failure");
            exchange.setProperty(ExchangeKeys.ERROR_CODE, "FILE_REJECTED");
            exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, name + " " + e.getMessage());
            throw e;
        } catch (java.io.IOException e) {
            fail(claim.jobId(), name, "cannot be read: " + e.getMessage());
            throw new BulkFileException("cannot be read: " + e.getMessage(), e);
        }
    }

    /** How many rows of each outcome this instance applied, and whether it stopped because its claim was lost. */
    private record Read(Map<BulkOutcome, Integer> totals, boolean claimLost) {}

    private Read read(Path path, String name, InboundFiles.Claim claim) {
        try (CsvUserFile file = CsvUserFile.open(path, settings.requiredColumns(), Set.of("userName"))) {
            String note = file.unknownColumnsNote(); // by position: the file's header text is never quoted back
            if (note != null) {
                jobs.status(claim.jobId(), InboundFiles.READING, note);
                LOG.warn("Bulk file {}: {}", name, note);
            }
            long rowIndex = 0;
            long lastLog = System.nanoTime();
            long started = System.nanoTime();
            Map<BulkOutcome, Integer> totals = new EnumMap<>(BulkOutcome.class);
            List<BulkRow> chunk = new ArrayList<>(settings.chunkSize());
            CsvUserFile.Row row;
            while ((row = file.next()) != null) {
                rowIndex++;
                if (rowIndex <= claim.rowsCommitted()) {
                    continue; // applied before this instance took over
                }
                chunk.add(rowParser.parse(row));
                if (chunk.size() == settings.chunkSize()) {
                    if (!commit(claim.jobId(), name, chunk, rowIndex, file.bytesRead(), totals)) {
                        return new Read(totals, true);
                    }
                    if (System.nanoTime() - lastLog > settings.logInterval().toNanos()) {
                        lastLog = System.nanoTime();
                        logProgress(name, rowIndex, started, totals);
                    }
                }
            }
            if (!chunk.isEmpty() && !commit(claim.jobId(), name, chunk, rowIndex, file.bytesRead(), totals)) {
                return new Read(totals, true);
            }
            logProgress(name, rowIndex, started, totals);
            return new Read(totals, false);
        }
    }

    /**
     * Writes one chunk; false (logged once, nothing of the chunk written) when another instance took the file over
     * after this instance's lease ran out (e.g. a long GC pause or a slow database): this reader then stops.
     */
    private boolean commit(
            String jobId,
            String name,
            List<BulkRow> chunk,
            long rowsAfter,
            long bytesRead,
            Map<BulkOutcome, Integer> totals) {
        Map<BulkOutcome, Integer> outcomes;
        try {
            outcomes = writer.write(jobId, chunk, settings.applications(), "file:" + name, rowsAfter, bytesRead);
        } catch (ClaimLostException e) {
            LOG.warn(
                    "Bulk file {}: stopped reading before row {}: its lease (provisioning.inbox.lease-seconds) ran out"
                            + " and another instance took job {} over; its chunk was rolled back",
                    name,
                    rowsAfter - chunk.size() + 1,
                    jobId);
            return false;
        }
        outcomes.forEach((k, v) -> totals.merge(k, v, Integer::sum));
        chunk.clear();
        return true;
    }

    private static void logProgress(String name, long rows, long started, Map<BulkOutcome, Integer> totals) {
        double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        LOG.info("Bulk file {}: {} rows read ({} rows/s) {}", name, rows, Math.round(rows / seconds), totals);
    }

    private void fail(String jobId, String name, String reason) {
        LOG.warn("Bulk file {} rejected: {}", name, reason);
        files.setStatus(jobId, InboundFiles.FAILED, null);
        jobs.finish(jobId, Jobs.FAILED, name + " " + reason);
        ResultFile.writeFailure(settings.inbox().resolve("failed").resolve(name + ".result.csv"), name + " " + reason);
    }

    /**
     * Writes the result file of every file whose provisioning work is all done, and completes its job together with
     * its report row (one per file; the exchange gives the row's operation and application). Returns the rows, marked
     * as stored, for {@code reports-write} to count and log.
     */
    public List<Map<String, Object>> finishCompleted(Exchange exchange) {
        List<Map<String, Object>> finished = new ArrayList<>();
        for (String[] file : files.provisioning()) {
            String jobId = file[0];
            if (outbox.pendingForJob(jobId) > 0) {
                continue;
            }
            // written again, whole, when a crash comes before the completion commits
            resultFile.write(jobId, Path.of(file[1]));
            files.complete(jobId, jobs, connection -> {
                        Map<String, Object> view = jobs.view(connection, jobId).orElseThrow();
                        LOG.info("Bulk file job {} completed: {}", jobId, view);
                        return ReportRows.store(connection, exchange, List.of(reportRow(jobId, view)));
                    })
                    .ifPresent(finished::addAll);
        }
        return finished;
    }

    private static Map<String, Object> reportRow(String jobId, Map<String, Object> view) {
        return Map.of(
                ExchangeKeys.USER_IDENTIFIER,
                "job:" + jobId,
                ExchangeKeys.REQUEST_ID,
                jobId,
                ExchangeKeys.SOURCE,
                String.valueOf(view.get("source")),
                ExchangeKeys.REPORT_STATUS,
                "success",
                ExchangeKeys.ERROR_MESSAGE,
                "rows " + view.get("read") + ", created " + view.get("created")
                        + ", updated " + view.get("updated") + ", deleted " + view.get("deleted") + ", unchanged "
                        + view.get("unchanged") + ", invalid " + view.get("invalid") + ", provisioned "
                        + view.get("provisioned") + ", provisioning failed " + view.get("provisioningFailed"));
    }

    static String key(String name, long size, long lastModified) {
        return name + "|" + size + "|" + lastModified;
    }
}
