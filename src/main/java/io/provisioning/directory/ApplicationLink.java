package io.provisioning.directory;

import java.time.OffsetDateTime;

/**
 * Where a user stands in one application: the state, the Salesforce record id, the last error, and the mapped
 * fields last written there ({@code syncedFields}, JSON), so an edit sends only what changed.
 */
public record ApplicationLink(
        String application,
        String state,
        String recordId,
        String errorCode,
        String errorMessage,
        String syncedFields,
        OffsetDateTime updatedAt) {

    /** Work for this link is waiting in the outbox. */
    public static final String PENDING = "pending";

    public static final String PROVISIONED = "provisioned";
    /** The last operation failed for good; see the error. */
    public static final String FAILED = "failed";
    /** The feature was switched off, so nothing was written to this application. */
    public static final String SKIPPED = "skipped";
    /** Lead or Contact deleted in Salesforce. */
    public static final String DELETED = "deleted";
    /** Salesforce User deactivated (IsActive=false). */
    public static final String DEACTIVATED = "deactivated";
    /** Salesforce refused to deactivate the User, so it was frozen (UserLogin.IsFrozen). */
    public static final String FROZEN = "frozen";
    /** The record was deleted in Salesforce behind the bundle's back. */
    public static final String STALE = "stale";

    public boolean hasRecord() {
        return recordId != null && !STALE.equals(state) && !DELETED.equals(state);
    }

    public boolean deprovisioned() {
        return DELETED.equals(state) || DEACTIVATED.equals(state) || FROZEN.equals(state);
    }
}
