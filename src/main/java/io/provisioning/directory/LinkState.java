package io.provisioning.directory;

/**
 * Where a user stands in one application ({@code application_link.state}). The database, the API and the report keep
 * the lower-case {@link #db() value}, unchanged from when these were strings.
 */
public enum LinkState implements StoredName {
    /** Work for this link is waiting in the outbox. */
    PENDING,
    PROVISIONED,
    /** The last operation failed for good; see the error. */
    FAILED,
    /** The feature was switched off, so nothing was written to this application. */
    SKIPPED,
    /** Lead or Contact deleted in Salesforce. */
    DELETED,
    /** Salesforce User deactivated (IsActive=false). */
    DEACTIVATED,
    /** Salesforce refused to deactivate the User, so it was frozen (UserLogin.IsFrozen). */
    FROZEN,
    /** The record was deleted in Salesforce behind the bundle's back. */
    STALE;

    /** The state of a stored value. */
    public static LinkState of(String db) {
        return StoredName.parse(LinkState.class, db);
    }

    /** The stored value, so log lines and messages read as before. */
    @Override
    public String toString() {
        return db();
    }
}
