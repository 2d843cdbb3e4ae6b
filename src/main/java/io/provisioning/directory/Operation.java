package io.provisioning.directory;

/**
 * The provisioning work an outbox item asks for ({@code provisioning_outbox.operation}), also the report row's
 * operation of a Salesforce write. The database and the report keep the lower-case {@link #db() value}.
 */
public enum Operation implements StoredName {
    CREATE,
    UPDATE,
    /** Deprovision: delete a Lead or Contact, deactivate a User. */
    DELETE,
    /** Reprovision a deactivated user: recreate a Lead or Contact, reactivate a User. */
    ACTIVATE,
    /**
     * Apply the user's entitlements (assignments, group memberships) in a User application, after the user write
     * queued before it (docs/entitlements.md).
     */
    ENTITLEMENTS;

    /** The operation of a stored value. */
    public static Operation of(String db) {
        return StoredName.parse(Operation.class, db);
    }

    /**
     * The work a change of a linked user means for each of its applications: deprovision, reprovision, update, or
     * none (null: an inactive user's edit stays in the directory). One rule for the real change and its dry run.
     */
    public static Operation forChange(boolean wasActive, boolean isActive) {
        if (wasActive && !isActive) {
            return DELETE;
        }
        if (!wasActive && isActive) {
            return ACTIVATE;
        }
        return isActive ? UPDATE : null;
    }

    /** The stored value, so log lines and messages read as before. */
    @Override
    public String toString() {
        return db();
    }
}
