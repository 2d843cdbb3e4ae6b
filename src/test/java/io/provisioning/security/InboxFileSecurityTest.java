package io.provisioning.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.LogCapture;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bulk inbox, attacked by a local user who can drop entries in it: a symbolic link to a secret, a FIFO, a file
 * whose header is someone's secret (refused, or a user file with extra columns), a link planted where the result
 * file is written. Each is refused or ignored with
 * a reason, and the secret appears nowhere: result files, job view, report rows, log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxFileSecurityTest {

    private static final String SECRET = "TOP-SECRET-4711";
    private static final String USER_FILE_HEADER = "userName,email,lastName,company\n";

    private final TestEnvironment env = TestEnvironment.create("inbox-file-security")
            .withQuickInbox()
            .with("provisioning.inbox.result-check-interval-ms", "300");
    private final ApiClient api = env.api();
    private Path dataDir;
    private Path inbox;
    private LogCapture log;
    private Main bundle;
    private DataSource db;

    @BeforeAll
    void start() throws Exception {
        TestEnvironment.clearSystemProperties();
        dataDir = Path.of(env.properties().get("provisioning.data.dir"));
        inbox = env.inbox();
        log = LogCapture.start("inbox-file-security");
        bundle = Security.start(env);
        db = bundle.getCamelContext().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        Files.createDirectories(inbox);
    }

    @AfterAll
    void stop() {
        bundle.stop();
        log.close();
    }

    @Test
    void aSymlinkToASecretIsRefusedAndTheSecretAppearsNowhere() throws Exception {
        Path secret = dataDir.resolve("secret");
        // a CSV-shaped secret: if the link were followed, its lines would be parsed and quoted
        Files.writeString(secret, SECRET + ",password=hunter2\n" + SECRET + "-row,x\n");
        Files.createSymbolicLink(inbox.resolve("x.csv"), Path.of("..", "secret"));

        String result = awaitResult("failed", "x.csv");
        assertTrue(result.contains("is not a regular file but a symbolic link"), result);
        assertTrue(
                Await.until(
                        () -> Files.isSymbolicLink(inbox.resolve("failed").resolve("x.csv")),
                        moved -> moved,
                        Duration.ofSeconds(10)),
                "the link itself is moved aside");
        assertFalse(Files.exists(inbox.resolve("x.csv"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(
                SECRET + ",password=hunter2\n" + SECRET + "-row,x\n",
                Files.readString(secret),
                "the target is untouched");
        assertSecretNowhere("x.csv");
    }

    @Test
    void aFifoIsRefusedWithoutBlockingTheInbox() throws Exception {
        Path fifo = inbox.resolve("pipe.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        String result = awaitResult("failed", "pipe.csv");
        assertTrue(result.contains("is not a regular file but a FIFO"), result);
        // the inbox goes on: a regular file dropped afterwards is imported
        drop("after-fifo.csv", USER_FILE_HEADER + "after.fifo@example.com,after.fifo@example.com,After,Acme\n");
        assertTrue(awaitResult("done", "after-fifo.csv").contains("after.fifo@example.com"));
    }

    @Test
    void aRefusedHeaderIsNotQuotedAnywhere() throws Exception {
        drop("header.csv", SECRET + ",another-" + SECRET + "\n" + SECRET + "-value,v\n");
        String result = awaitResult("failed", "header.csv");
        assertTrue(result.contains("missing required columns [company, email, lastName, userName]"), result);
        assertSecretNowhere("header.csv");
    }

    @Test
    void unknownHeaderCellsAreReportedByPositionNeverQuoted() throws Exception {
        // a user file whose header also carries someone's text: the cells are counted, not quoted
        drop(
                "extra.csv",
                "userName,email," + SECRET + ",lastName,company,another-" + SECRET + "\n"
                        + "extra@example.com,extra@example.com,v1,Extra,Acme,v2\n");
        String result = awaitResult("done", "extra.csv");
        assertTrue(result.contains("extra@example.com"), "the file is imported: " + result);
        String error = api.get("/api/jobs/"
                        + Reports.rows(db, "SELECT id FROM provisioning_job WHERE source = ?", "file:extra.csv")
                                .get(0)
                                .get("id"))
                .json()
                .path("error")
                .asText();
        assertTrue(
                error.startsWith("2 unknown columns ignored (columns 3 and 6); known columns: userName, email"), error);
        assertSecretNowhere("extra.csv");
    }

    @Test
    void aLinkPlantedAtTheResultFilesTemporaryNameIsNotFollowed() throws Exception {
        Path victim = dataDir.resolve("victim.txt");
        Files.writeString(victim, "unchanged\n");
        Path done = Files.createDirectories(inbox.resolve("done"));
        Files.createSymbolicLink(done.resolve(".planted.csv.result.csv.tmp"), victim.toAbsolutePath());
        drop("planted.csv", USER_FILE_HEADER + "planted@example.com,planted@example.com,Planted,Acme\n");
        String result = awaitResult("done", "planted.csv");
        assertTrue(result.contains("planted@example.com"), result);
        assertTrue(Files.isRegularFile(done.resolve("planted.csv.result.csv"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("unchanged\n", Files.readString(victim), "the link's target is not written");
    }

    private void drop(String name, String content) throws Exception {
        Path temp = inbox.resolve("." + name + ".part");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private String awaitResult(String folder, String name) throws Exception {
        Path result = inbox.resolve(folder).resolve(name + ".result.csv");
        Await.until(() -> Files.exists(result), exists -> exists, Duration.ofSeconds(60));
        return Await.until(() -> read(result), text -> !text.isEmpty(), Duration.ofSeconds(10));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Nowhere a reader of results looks: result files, the file's job (table and API view), report rows, the log. */
    private void assertSecretNowhere(String name) throws Exception {
        for (String folder : List.of("done", "failed")) {
            Path result = inbox.resolve(folder).resolve(name + ".result.csv");
            if (Files.exists(result, LinkOption.NOFOLLOW_LINKS)) {
                assertFalse(Files.readString(result).contains(SECRET), result + ": " + Files.readString(result));
            }
        }
        List<Map<String, Object>> jobs =
                Reports.rows(db, "SELECT id, error FROM provisioning_job WHERE source = ?", "file:" + name);
        assertFalse(jobs.isEmpty(), "the file has a job");
        for (Map<String, Object> job : jobs) {
            assertFalse(String.valueOf(job).contains(SECRET), job.toString());
            ApiClient.Response view = api.get("/api/jobs/" + job.get("id"));
            assertEquals(200, view.status(), view.body());
            assertFalse(view.body().contains(SECRET), view.body());
        }
        String reports = Reports.rows(db, "SELECT * FROM provisioning_report").stream()
                .map(Map::toString)
                .collect(Collectors.joining("\n"));
        assertFalse(reports.contains(SECRET), reports);
        assertFalse(log.text().contains(SECRET), log.text());
    }
}
