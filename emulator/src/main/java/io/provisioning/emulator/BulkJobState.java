package io.provisioning.emulator;

/** Bulk API 2.0 job states (JobStateEnum). */
enum BulkJobState {
    Open,
    UploadComplete,
    InProgress,
    JobComplete,
    Failed,
    Aborted;

    boolean terminal() {
        return this == JobComplete || this == Failed || this == Aborted;
    }
}
