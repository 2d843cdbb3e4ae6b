package io.provisioning.salesforce;

import io.provisioning.directory.LinkState;
import java.util.Map;

/**
 * What to do for one outbox item: a Salesforce {@link Call} with its record id and body, or no call (a skip, or a
 * refusal) with the reason. Built only through the named factories below, one per rule of the lifecycle table
 * (docs/lifecycle.md). {@code stateOnSuccess} is the link state afterwards (null = unchanged); {@code synced} the
 * mapped fields the record holds afterwards (null = unchanged); {@code refusalCode} marks a write that cannot be made
 * as mapped (e.g. {@code REQUIRED_FIELD_MISSING}): it is recorded as a failure, with {@code reason} as its message.
 */
public record WritePlan(
        Call call,
        String recordId,
        Map<String, Object> body,
        String reason,
        LinkState stateOnSuccess,
        Map<String, Object> synced,
        String refusalCode) {

    /** The Salesforce call of a plan, with its camel-salesforce operation. */
    public enum Call {
        CREATE("createSObject"),
        /** A create made safe to repeat: upsert on the application's external-id field, keyed by the user's id. */
        UPSERT("upsertSObject"),
        UPDATE("updateSObject"),
        /** {@code IsActive=false} on a User, with the freeze fallback of {@code salesforce-user-deactivate}. */
        DEACTIVATE_USER("updateSObject"),
        DELETE("deleteSObject");

        private final String operation;

        Call(String operation) {
            this.operation = operation;
        }

        /** The camel-salesforce operation that makes the call. */
        public String operation() {
            return operation;
        }
    }

    static WritePlan create(Map<String, Object> fields) {
        return new WritePlan(Call.CREATE, null, fields, null, LinkState.PROVISIONED, fields, null);
    }

    static WritePlan upsert(Map<String, Object> fields) {
        return new WritePlan(Call.UPSERT, null, fields, null, LinkState.PROVISIONED, fields, null);
    }

    /** Sends {@code changed}; the record then holds {@code syncedAfter}. */
    static WritePlan update(String recordId, Map<String, Object> changed, Map<String, Object> syncedAfter) {
        return new WritePlan(Call.UPDATE, recordId, changed, null, LinkState.PROVISIONED, syncedAfter, null);
    }

    static WritePlan reactivateUser(String recordId) {
        return new WritePlan(Call.UPDATE, recordId, Map.of("IsActive", true), null, LinkState.PROVISIONED, null, null);
    }

    static WritePlan deactivateUser(String recordId) {
        return new WritePlan(
                Call.DEACTIVATE_USER, recordId, Map.of("IsActive", false), null, LinkState.DEACTIVATED, null, null);
    }

    static WritePlan delete(String recordId) {
        return new WritePlan(Call.DELETE, recordId, null, null, LinkState.DELETED, null, null);
    }

    /** No call; the link takes {@code state} (null = unchanged). */
    static WritePlan skip(String reason, LinkState state) {
        return new WritePlan(null, null, null, reason, state, null, null);
    }

    /** No call, recorded as a failure with {@code code}. */
    static WritePlan refused(String code, String reason) {
        return new WritePlan(null, null, null, reason, null, null, code);
    }

    public boolean refused() {
        return refusalCode != null;
    }

    public boolean skipped() {
        return call == null;
    }

    public boolean is(Call candidate) {
        return call == candidate;
    }

    /** Whether the call may create a record (a create, or an upsert standing in for one). */
    public boolean creates() {
        return call == Call.CREATE || call == Call.UPSERT;
    }

    /** The same plan, recording that the record holds {@code fields} afterwards. */
    WritePlan withSynced(Map<String, Object> fields) {
        return new WritePlan(call, recordId, body, reason, stateOnSuccess, fields, refusalCode);
    }
}
