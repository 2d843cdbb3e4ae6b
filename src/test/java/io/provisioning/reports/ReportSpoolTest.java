package io.provisioning.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSpoolTest {

    @TempDir
    Path folder;

    @Test
    void aSpooledRowReadsBackWithItsTypes() throws Exception {
        ReportSpool spool = new ReportSpool(folder.resolve("report-spool"));
        Map<String, Object> row = new HashMap<>();
        OffsetDateTime at = OffsetDateTime.of(2025, 3, 1, 10, 0, 0, 123_000_000, ZoneOffset.UTC);
        row.put("occurredAt", at);
        row.put("userIdentifier", "<b>ada</b>");
        row.put("status", "success");
        row.put("recordId", null);
        row.put("attempt", 2);
        row.put("durationMs", 15L);
        spool.append(row);

        List<Path> files;
        try (Stream<Path> list = Files.list(folder.resolve("report-spool"))) {
            files = list.toList();
        }
        assertEquals(1, files.size());
        assertEquals(true, files.get(0).toString().endsWith(".jsonl"));
        Map<String, Object> back = spool.read(Files.readString(files.get(0)));
        assertEquals(at, back.get("occurredAt"));
        assertEquals("<b>ada</b>", back.get("userIdentifier"));
        assertEquals(2, back.get("attempt"));
        assertEquals(15L, back.get("durationMs"));
        assertEquals(true, back.containsKey("recordId"));
    }
}
