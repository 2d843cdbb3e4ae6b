package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The job info fields that ingest and query jobs share, as Salesforce answers them. */
final class BulkJobInfo {
    private BulkJobInfo() {}

    static ObjectNode common(
            String id,
            String operation,
            String object,
            String createdDate,
            String systemModstamp,
            BulkJobState state,
            String apiVersion) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("operation", operation);
        node.put("object", object);
        node.put("createdById", Org.INTEGRATION_USER_ID);
        node.put("createdDate", createdDate);
        node.put("systemModstamp", systemModstamp);
        node.put("state", state.name());
        node.put("concurrencyMode", "Parallel");
        node.put("contentType", "CSV");
        node.put("apiVersion", Double.parseDouble(apiVersion.substring(1)));
        node.put("lineEnding", "LF");
        node.put("columnDelimiter", "COMMA");
        return node;
    }
}
