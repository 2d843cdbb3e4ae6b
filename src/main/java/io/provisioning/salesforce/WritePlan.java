package io.provisioning.salesforce;

import java.util.Map;

/**
 * What to do for one outbox item: a camel-salesforce operation with its record id and body, or a skip with the
 * reason. {@code stateOnSuccess} is the link state afterwards (null = unchanged); {@code synced} the mapped fields
 * the record holds afterwards (null = unchanged).
 */
public record WritePlan(String salesforceOperation, String recordId, Map<String, Object> body, String skipReason,
        String stateOnSuccess, Map<String, Object> synced, boolean deactivation) {

    public static final String CREATE = "createSObject";
    public static final String UPDATE = "updateSObject";
    public static final String DELETE = "deleteSObject";

    static WritePlan skip(String reason, String state) {
        return new WritePlan(null, null, null, reason, state, null, false);
    }

    public boolean skipped() {
        return salesforceOperation == null;
    }

    public boolean creates() {
        return CREATE.equals(salesforceOperation);
    }
}
