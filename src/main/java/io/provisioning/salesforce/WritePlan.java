package io.provisioning.salesforce;

import java.util.Map;

/**
 * What to do for one outbox item: a camel-salesforce operation with its record id and body, or a skip with the
 * reason. {@code stateOnSuccess} is the link state afterwards (null = unchanged); {@code synced} the mapped fields
 * the record holds afterwards (null = unchanged). {@code refusalCode}: the write cannot be made as mapped (e.g.
 * {@code REQUIRED_FIELD_MISSING}); it is recorded as a failure, with {@code skipReason} as its message.
 */
public record WritePlan(String salesforceOperation, String recordId, Map<String, Object> body, String skipReason,
        String stateOnSuccess, Map<String, Object> synced, boolean deactivation, String refusalCode) {

    public WritePlan(String salesforceOperation, String recordId, Map<String, Object> body, String skipReason,
            String stateOnSuccess, Map<String, Object> synced, boolean deactivation) {
        this(salesforceOperation, recordId, body, skipReason, stateOnSuccess, synced, deactivation, null);
    }

    public static final String CREATE = "createSObject";
    public static final String UPDATE = "updateSObject";
    public static final String DELETE = "deleteSObject";
    /** A create made safe to repeat: upsert on the application's external-id field, keyed by the user's id. */
    public static final String UPSERT = "upsertSObject";

    static WritePlan skip(String reason, String state) {
        return new WritePlan(null, null, null, reason, state, null, false);
    }

    static WritePlan refused(String code, String reason) {
        return new WritePlan(null, null, null, reason, null, null, false, code);
    }

    public boolean refused() {
        return refusalCode != null;
    }

    public boolean skipped() {
        return salesforceOperation == null;
    }

    /** Whether the call may create a record (a create, or an upsert standing in for one). */
    public boolean creates() {
        return CREATE.equals(salesforceOperation) || UPSERT.equals(salesforceOperation);
    }

    /** The same plan, recording that the record holds {@code fields} afterwards. */
    WritePlan withSynced(Map<String, Object> fields) {
        return new WritePlan(salesforceOperation, recordId, body, skipReason, stateOnSuccess, fields, deactivation);
    }
}
