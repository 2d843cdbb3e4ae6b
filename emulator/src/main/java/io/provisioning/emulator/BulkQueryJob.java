package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One Bulk API 2.0 query job: its info and, once complete, its result rows as CSV lines. */
final class BulkQueryJob {
    final String id;
    final String operation;
    final String query;
    final String object;
    final String apiVersion;
    final String createdDate;
    BulkJobState state = BulkJobState.UploadComplete;
    String systemModstamp;
    String errorMessage;
    String header;
    List<String> rows;
    long processingMillis;

    BulkQueryJob(String id, String operation, String query, String object, String apiVersion) {
        this.id = id;
        this.operation = operation;
        this.query = query;
        this.object = object;
        this.apiVersion = apiVersion;
        this.createdDate = SfTime.now();
        this.systemModstamp = createdDate;
    }

    void moveTo(BulkJobState next) {
        state = next;
        systemModstamp = SfTime.now();
    }

    ObjectNode info(boolean full) {
        ObjectNode node = BulkJobInfo.common(id, operation, object, createdDate, systemModstamp, state, apiVersion);
        if (full) {
            node.put("numberRecordsProcessed", rows == null ? 0 : rows.size());
            node.put("retries", 0);
            node.put("totalProcessingTime", processingMillis);
            if (errorMessage != null) {
                node.put("errorMessage", errorMessage);
            }
        }
        return node;
    }
}
