package io.provisioning.directory;

/** What importing one Salesforce record did to the directory. */
public enum ImportOutcome {
    CREATED,
    UPDATED,
    UNCHANGED
}
