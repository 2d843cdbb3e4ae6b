package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** Two bundle instances share one inbox and one directory: every file is imported by exactly one of them, once. */
class BulkTwoInstancesTest {

    private static final int FILES = 6;
    private static final int ROWS = 300;

    @Test
    void eachFileIsTakenByOneInstanceOnly() throws Exception {
        TestEnvironment.clearSystemProperties();
        TestEnvironment first = TestEnvironment.create("bulk-two-instances")
                .with("provisioning.inbox.min-age-ms", "200")
                .with("provisioning.inbox.poll-interval-ms", "100")
                .with("provisioning.inbox.result-check-interval-ms", "300")
                .with("provisioning.application.salesforce.features.create", "false");
        Path inbox = Path.of(first.properties().get("provisioning.data.dir"), "inbox")
                .toAbsolutePath();
        first.with("provisioning.inbox", inbox.toString());
        // the second instance: its own ports and data folder, the same database and inbox
        TestEnvironment second = TestEnvironment.create("bulk-two-instances-b");
        first.properties().forEach((key, value) -> {
            if (key.startsWith("provisioning.db.")
                    || key.startsWith("provisioning.inbox")
                    || key.contains("features")) {
                second.with(key, value);
            }
        });
        Main a = first.startBundle();
        Main b = second.startBundle();
        try {
            Files.createDirectories(inbox);
            for (int f = 0; f < FILES; f++) {
                StringBuilder csv = new StringBuilder("userName,email,lastName,company\n");
                for (int r = 0; r < ROWS; r++) {
                    csv.append("two")
                            .append(f)
                            .append('-')
                            .append(r)
                            .append("@example.com,two")
                            .append(f)
                            .append('-')
                            .append(r)
                            .append("@example.com,Two,Acme\n");
                }
                Path temp = inbox.resolve(".file" + f + ".part");
                Files.writeString(temp, csv, StandardCharsets.UTF_8);
                Files.move(temp, inbox.resolve("file" + f + ".csv"), StandardCopyOption.ATOMIC_MOVE);
            }
            DataSource db = a.lookup("dataSource", DataSource.class);
            Await.until(
                    () -> Reports.rows(db, "SELECT job_id FROM inbound_file WHERE status = 'completed'")
                            .size(),
                    n -> n == FILES,
                    Duration.ofSeconds(90));
            Thread.sleep(1000); // time for a second, unwanted import to show
            assertEquals(
                    FILES, Reports.rows(db, "SELECT job_id FROM inbound_file").size(), "one claim per file");
            assertEquals((long) FILES * ROWS, count(db, "SELECT COUNT(*) AS n FROM bulk_row"));
            assertEquals(
                    (long) FILES * ROWS,
                    count(db, "SELECT COUNT(*) AS n FROM directory_user WHERE user_name_key LIKE 'two%'"));
            assertEquals((long) FILES * ROWS, count(db, "SELECT COUNT(*) AS n FROM provisioning_outbox"));
            List<Map<String, Object>> claimedBy = Reports.rows(db, "SELECT DISTINCT claimed_by FROM inbound_file");
            System.out.println("files claimed by " + claimedBy.size() + " instance(s)");
        } finally {
            b.stop();
            a.stop();
        }
    }

    private static long count(DataSource db, String sql) {
        return ((Number) Reports.rows(db, sql).get(0).get("n")).longValue();
    }
}
