package io.provisioning.salesforce;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV of one ingest job, built on disk so that no load is ever held whole in memory: planned rows are spooled
 * as JSON lines while the columns are gathered, then written as CSV (the external-id column first, carrying each
 * user's id, so result rows map back to users) up to the upload size limit; what does not fit is left over.
 */
final class BulkIngestCsv implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Bulk API CSV as Salesforce answers it (results, query pages): a header row naming the columns. */
    static final CSVFormat WITH_HEADER =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    /** Salesforce: an empty value leaves a field as it is; this sets it to null. */
    static final String NULL = "#N/A";

    private final Path spool;
    private final BufferedWriter spoolOut;
    private final Set<String> columns = new LinkedHashSet<>();
    private Path csv;
    private int rows;
    private final List<Long> leftOver = new ArrayList<>();

    BulkIngestCsv() throws IOException {
        spool = Files.createTempFile("bulk-ingest-", ".jsonl");
        spoolOut = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
    }

    void add(long itemId, String userId, Map<String, Object> fields) throws IOException {
        columns.addAll(fields.keySet());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("item", itemId);
        line.put("user", userId);
        line.put("fields", fields);
        spoolOut.write(JSON.writeValueAsString(line));
        spoolOut.newLine();
    }

    /**
     * Writes the CSV, at most {@code maxBytes}.
     *
     * @return the CSV file, or null when no row was added
     */
    Path write(String externalIdField, long maxBytes) throws IOException {
        spoolOut.close();
        List<String> header = new ArrayList<>();
        header.add(externalIdField);
        columns.stream().filter(c -> !c.equalsIgnoreCase(externalIdField)).forEach(header::add);
        csv = Files.createTempFile("bulk-ingest-", ".csv");
        long bytes = 0;
        try (BufferedReader in = Files.newBufferedReader(spool, StandardCharsets.UTF_8);
                Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            String headerLine = line(header);
            out.write(headerLine);
            bytes += headerLine.getBytes(StandardCharsets.UTF_8).length;
            for (String json = in.readLine(); json != null; json = in.readLine()) {
                Map<String, Object> spooled = JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
                long itemId = ((Number) spooled.get("item")).longValue();
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) spooled.get("fields");
                List<String> values = new ArrayList<>(header.size());
                values.add((String) spooled.get("user"));
                for (String column : header.subList(1, header.size())) {
                    Object value = fields.get(column);
                    values.add(
                            !fields.containsKey(column)
                                    ? ""
                                    : value == null || "".equals(value) ? NULL : value.toString());
                }
                String row = line(values);
                int size = row.getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > maxBytes) {
                    leftOver.add(itemId); // split at the size limit: the next job takes it
                    continue;
                }
                out.write(row);
                bytes += size;
                rows++;
            }
        }
        return rows == 0 ? null : csv;
    }

    int rows() {
        return rows;
    }

    /** Items whose rows did not fit into the upload. */
    List<Long> leftOver() {
        return leftOver;
    }

    private static String line(List<String> values) throws IOException {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            printer.printRecord(values);
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        spoolOut.close();
        Files.deleteIfExists(spool);
        if (csv != null) {
            Files.deleteIfExists(csv);
        }
    }
}
