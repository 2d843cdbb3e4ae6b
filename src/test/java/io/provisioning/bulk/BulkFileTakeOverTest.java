package io.provisioning.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.provisioning.directory.BulkOutcome;
import io.provisioning.directory.BulkResults;
import io.provisioning.directory.BulkRow;
import io.provisioning.directory.BulkRowWriter;
import io.provisioning.directory.InboundFiles;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.UserDirectory;
import io.provisioning.requests.UserRequestParser;
import io.provisioning.support.ExchangeKeys;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.LogCapture;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * Two instances' file readers over one database (H2, or PostgreSQL with {@code -Dprovisioning.test.db=postgres}): the
 * first reader stalls between two chunks (a GC pause, a slow database) past its lease, the second takes the file over
 * and reads it to its end; when the first wakes up its chunk finds the claim lost, rolls back and it stops. Every row
 * is applied once.
 */
class BulkFileTakeOverTest {

    private static final int ROWS = 50;
    private static final int CHUNK = 10;
    private static final Duration LEASE = Duration.ofSeconds(1);

    @Test
    void aReaderWhoseFileWasTakenOverStopsAndEveryRowIsAppliedOnce() throws Exception {
        TestEnvironment env = TestEnvironment.create("bulk-file-take-over");
        Path inbox =
                Path.of(env.properties().get("provisioning.data.dir"), "inbox").toAbsolutePath();
        Files.createDirectories(inbox);
        StringBuilder csv = new StringBuilder("userName,email,lastName,company\n");
        for (int r = 0; r < ROWS; r++) {
            csv.append("takeover-").append(r).append("@example.com,takeover-").append(r);
            csv.append("@example.com,Over,Acme\n");
        }
        Path file = Files.writeString(inbox.resolve("takeover.csv"), csv);

        try (HikariDataSource db = env.openDatabase()) {
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            BulkFiles first = instance(db, inbox, (writer, call) -> {
                if (call == 2) { // after its first chunk: stalled past its lease
                    paused.countDown();
                    await(resume);
                }
            });
            CountDownLatch secondPaused = new CountDownLatch(1);
            CountDownLatch secondResume = new CountDownLatch(1);
            BulkFiles second = instance(db, inbox, (writer, call) -> {
                if (call == 3) { // rows 11 to 30 committed, the file still being read
                    secondPaused.countDown();
                    await(secondResume);
                }
            });

            assertTrue(first.accept(genericFile(file)), "the first instance claims the file");
            Exchange firstExchange = exchange(file);
            CompletableFuture<Void> firstReading = CompletableFuture.runAsync(() -> first.importFile(firstExchange));
            assertTrue(paused.await(30, TimeUnit.SECONDS), "the first reader committed its first chunk");
            assertFalse(second.accept(genericFile(file)), "not while the first instance's lease runs");

            // the lease runs out: the second instance takes the file over and reads on after the first chunk
            Await.until(() -> second.accept(genericFile(file)), taken -> taken, Duration.ofSeconds(30));
            Exchange secondExchange = exchange(file);
            CompletableFuture<Void> secondReading = CompletableFuture.runAsync(() -> second.importFile(secondExchange));
            assertTrue(secondPaused.await(30, TimeUnit.SECONDS), "the second reader committed two chunks");

            // the first reader wakes up while the second still reads: its next chunk (rows 11 to 20) is refused
            try (LogCapture log = LogCapture.start("bulk-file-take-over")) {
                resume.countDown();
                firstReading.get(30, TimeUnit.SECONDS); // returns: the file is not failed
                String stopped = log.text();
                assertEquals(1, count(stopped, "stopped reading before row " + (CHUNK + 1)), stopped);
            }
            secondResume.countDown();
            secondReading.get(60, TimeUnit.SECONDS);
            assertEquals(
                    ROWS - CHUNK,
                    total(secondExchange),
                    "the second instance resumed after the first chunk: "
                            + secondExchange.getProperty(ExchangeKeys.BULK_ROWS));
            assertEquals(CHUNK, total(firstExchange), "the first instance applied its first chunk only");

            assertEquals(ROWS, count(db, "SELECT COUNT(*) AS n FROM bulk_row"));
            assertEquals(ROWS, count(db, "SELECT COUNT(DISTINCT row_no) AS n FROM bulk_row"));
            assertEquals(
                    ROWS, count(db, "SELECT COUNT(*) AS n FROM directory_user WHERE user_name_key LIKE 'takeover-%'"));
            assertEquals(ROWS, count(db, "SELECT COUNT(*) AS n FROM provisioning_outbox"));
            assertEquals(ROWS, count(db, "SELECT COUNT(DISTINCT user_id) AS n FROM provisioning_outbox"));
            List<Map<String, Object>> job = Reports.rows(
                    db,
                    "SELECT j.rows_read, j.created, f.rows_committed, f.status FROM provisioning_job j"
                            + " JOIN inbound_file f ON f.job_id = j.id");
            assertEquals(1, job.size());
            assertEquals((long) ROWS, ((Number) job.get(0).get("rows_read")).longValue(), job.toString());
            assertEquals((long) ROWS, ((Number) job.get(0).get("created")).longValue(), job.toString());
            assertEquals((long) ROWS, ((Number) job.get(0).get("rows_committed")).longValue(), job.toString());
            assertEquals(InboundFiles.PROVISIONING, job.get(0).get("status"), "finished by the second instance");
        }
    }

    /** Called before each chunk's write with the write's number (1 = the first chunk). */
    private interface BeforeChunk {
        void before(BulkRowWriter writer, int call);
    }

    private static BulkFiles instance(HikariDataSource db, Path inbox, BeforeChunk beforeChunk) {
        // each instance has its own claims (InboundFiles names the instance)
        InboundFiles files = new InboundFiles(db, LEASE);
        Outbox outbox = new Outbox(db, Duration.ofMinutes(1));
        Set<String> required = Set.of("userName", "email", "lastName", "company");
        AtomicInteger calls = new AtomicInteger();
        BulkRowWriter writer = new BulkRowWriter(db, new UserDirectory(db, outbox), files) {
            @Override
            public Map<BulkOutcome, Integer> write(
                    String jobId,
                    List<BulkRow> rows,
                    List<String> applications,
                    String source,
                    long rowsCommittedAfter,
                    long bytesRead) {
                beforeChunk.before(this, calls.incrementAndGet());
                return super.write(jobId, rows, applications, source, rowsCommittedAfter, bytesRead);
            }
        };
        return new BulkFiles(
                new BulkFiles.Settings(
                        inbox, 1_000_000, Duration.ZERO, CHUNK, Duration.ofMinutes(1), required, List.of("salesforce")),
                files,
                new Jobs(db, "take-over"),
                writer,
                new BulkRowParser(new UserRequestParser(required)),
                new ResultFile(new BulkResults(db)),
                outbox);
    }

    private static GenericFile<Object> genericFile(Path path) {
        GenericFile<Object> file = new GenericFile<>();
        try {
            file.setFileLength(Files.size(path));
            file.setLastModified(Files.getLastModifiedTime(path).toMillis());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        file.setAbsoluteFilePath(path.toString());
        file.setFileNameOnly(path.getFileName().toString());
        file.setFileName(path.getFileName().toString());
        return file;
    }

    private static Exchange exchange(Path path) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.FILE_PATH, path.toString());
        exchange.getMessage().setHeader("CamelFileAbsolutePath", path.toString());
        return exchange;
    }

    @SuppressWarnings("unchecked")
    private static int total(Exchange exchange) {
        Map<BulkOutcome, Integer> rows = exchange.getProperty(ExchangeKeys.BULK_ROWS, Map.class);
        return rows.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not resumed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(HikariDataSource db, String sql) {
        return ((Number) Reports.rows(db, sql).get(0).get("n")).longValue();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
