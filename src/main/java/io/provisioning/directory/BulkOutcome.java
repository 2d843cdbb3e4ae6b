package io.provisioning.directory;

/** What a bulk row did to the directory. */
public enum BulkOutcome {
    CREATED,
    UPDATED,
    DELETED,
    UNCHANGED,
    INVALID,
    DUPLICATE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
