package io.provisioning.api;

import io.provisioning.directory.FileJobs;
import io.provisioning.directory.InboundFiles;
import io.provisioning.directory.Jobs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * {@code GET /api/bulk-files}: the latest bulk-file jobs with their progress (the {@code /api/jobs/{id}} view plus
 * the file name), and {@code GET /api/bulk-files/{id}/result}: a finished job's result file as a download.
 */
public class BulkFileResource {

    private static final int LATEST = 20;

    private final FileJobs files;
    private final Jobs jobs;

    public BulkFileResource(FileJobs files, Jobs jobs) {
        this.files = files;
        this.jobs = jobs;
    }

    public Map<String, Object> list() {
        List<Map<String, Object>> views = files.latest(LATEST).stream()
                .map(file -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("file", file.fileName());
                    jobs.view(file.jobId()).ifPresent(view::putAll);
                    view.put("resultAvailable", resultPath(file).isPresent());
                    return view;
                })
                .toList();
        return Map.of("jobs", views);
    }

    public InputStream result(@Header("id") String id, Exchange exchange) {
        FileJobs.FileJob file = files.find(id).orElseThrow(() -> new JobNotFoundException(id));
        Path path = resultPath(file).orElseThrow(() -> new JobNotFoundException(id + " (no result file yet)"));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=utf-8");
        // the name comes from the inbox filter's pattern, but is reduced to safe characters all the same
        String name = path.getFileName().toString().replaceAll("[^A-Za-z0-9._ -]", "_");
        exchange.getMessage().setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        try {
            return Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result file, once written: a finished job (completed or failed) whose file is a regular file. */
    private static java.util.Optional<Path> resultPath(FileJobs.FileJob file) {
        if (file.resultFile() == null
                || !(InboundFiles.COMPLETED.equals(file.fileStatus())
                        || InboundFiles.FAILED.equals(file.fileStatus()))) {
            return java.util.Optional.empty();
        }
        Path path = Path.of(file.resultFile());
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                ? java.util.Optional.of(path)
                : java.util.Optional.empty();
    }
}
