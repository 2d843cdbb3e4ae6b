package io.provisioning.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps report rows that could not be inserted (database down) as JSON lines, one file per row under the spool
 * folder, written atomically (temporary file, then rename) so the replay route never reads half a row.
 */
public class ReportSpool {

    private static final Logger LOG = LoggerFactory.getLogger(ReportSpool.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCCURRED_AT = "occurredAt";

    private final Path folder;

    public ReportSpool(Path folder) {
        this.folder = folder;
    }

    /** Body: the row's named parameters, as built by {@link ReportRows}. */
    /** Spools the rows a failed batch insert carried, each to its own file. */
    public void appendAll(@Body List<Map<String, Object>> rows) {
        rows.forEach(this::append);
    }

    public void append(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.computeIfPresent(OCCURRED_AT, (key, value) -> value.toString());
        try {
            Files.createDirectories(folder);
            String name = System.currentTimeMillis() + "-" + UUID.randomUUID();
            Path temporary = folder.resolve(name + ".tmp");
            Files.writeString(temporary, JSON.writeValueAsString(copy) + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, folder.resolve(name + ".jsonl"), StandardCopyOption.ATOMIC_MOVE);
            LOG.warn(
                    "Report row for {} ({} {}) spooled to {}: the database did not accept it",
                    row.get("userIdentifier"),
                    row.get("operation"),
                    row.get("status"),
                    folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool report row " + copy, e);
        }
    }

    /** Body: one spooled JSON line; @return the row's named parameters again */
    /** A spooled row as the batch the {@code reports-insert} route takes. */
    public List<Map<String, Object>> readBatch(@Body String line) throws IOException {
        return List.of(read(line));
    }

    public Map<String, Object> read(String line) throws IOException {
        Map<String, Object> row = JSON.readValue(line.trim(), new TypeReference<LinkedHashMap<String, Object>>() {});
        row.computeIfPresent(OCCURRED_AT, (key, value) -> OffsetDateTime.parse(value.toString()));
        // rows spooled before re-drive existed (V18) have no retryOf; the insert names it
        row.putIfAbsent("retryOf", null);
        if (row.get("retryOf") instanceof Number number) {
            row.put("retryOf", number.longValue());
        }
        Object duration = row.get("durationMs");
        if (duration instanceof Number number) {
            row.put("durationMs", number.longValue());
        }
        return row;
    }
}
