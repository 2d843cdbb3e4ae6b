package io.provisioning.directory;

import java.time.OffsetDateTime;

/** Where a user stands in one application: pending, provisioned or failed, and the Salesforce record id. */
public record ApplicationLink(String application, String state, String recordId, String errorCode,
        String errorMessage, OffsetDateTime updatedAt) {

    public static final String PENDING = "pending";
    public static final String PROVISIONED = "provisioned";
    public static final String FAILED = "failed";
}
