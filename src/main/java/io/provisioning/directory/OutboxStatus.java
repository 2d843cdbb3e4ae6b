package io.provisioning.directory;

/** Where an outbox item is ({@code provisioning_outbox.status}); stored as the lower-case {@link #db() value}. */
enum OutboxStatus implements StoredName {
    /** Due (or waiting for its next attempt); claimed with a lease while a worker runs it. */
    PENDING,
    DONE,
    /** Failed for good; a re-drive puts it back to pending. */
    FAILED,
    /** A deletion held by the deletion threshold until approved or discarded. */
    HELD,
    /** A held deletion dropped by an operator. */
    DISCARDED;

    /** The status of a stored value, or null for one this version does not know. */
    static OutboxStatus find(String db) {
        for (OutboxStatus status : values()) {
            if (status.db().equals(db)) {
                return status;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return db();
    }
}
