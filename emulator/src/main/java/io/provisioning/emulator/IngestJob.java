package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One Bulk API 2.0 ingest job: its info, its uploaded CSV, its progress and its three result files. */
final class IngestJob {
    final String id;
    final String object;
    final String operation;
    final String externalIdFieldName;
    final String apiVersion;
    final String createdDate;
    BulkJobState state = BulkJobState.Open;
    String systemModstamp;
    String errorMessage;
    byte[] data;
    long processed;
    long failed;
    long startedAtMillis;
    long processingMillis;
    /** Set while the job is processed: the reader over {@link #data} and its header row. */
    BulkCsv reader;

    List<String> header;
    final ByteArrayOutputStream successful = new ByteArrayOutputStream();
    final ByteArrayOutputStream failedRows = new ByteArrayOutputStream();
    final ByteArrayOutputStream unprocessed = new ByteArrayOutputStream();

    IngestJob(String id, String object, String operation, String externalIdFieldName, String apiVersion) {
        this.id = id;
        this.object = object;
        this.operation = operation;
        this.externalIdFieldName = externalIdFieldName;
        this.apiVersion = apiVersion;
        this.createdDate = SfTime.now();
        this.systemModstamp = createdDate;
    }

    void moveTo(BulkJobState next) {
        state = next;
        systemModstamp = SfTime.now();
    }

    static void append(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The job info as create, close and get answer it ({@code full}: with the processing figures of get). */
    ObjectNode info(boolean full) {
        ObjectNode node = BulkJobInfo.common(id, operation, object, createdDate, systemModstamp, state, apiVersion);
        if (externalIdFieldName != null) {
            node.put("externalIdFieldName", externalIdFieldName);
        }
        node.put("jobType", "V2Ingest");
        node.put("contentUrl", "services/data/" + apiVersion + "/jobs/ingest/" + id + "/batches");
        if (full) {
            node.put("numberRecordsProcessed", processed);
            node.put("numberRecordsFailed", failed);
            node.put("retries", 0);
            node.put("totalProcessingTime", processingMillis);
            node.put("apiActiveProcessingTime", processingMillis);
            node.put("apexProcessingTime", 0);
            if (errorMessage != null) {
                node.put("errorMessage", errorMessage);
            }
        }
        return node;
    }
}
