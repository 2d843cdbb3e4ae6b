package io.provisioning.drift;

/** A reconcile of the application is already running (HTTP 409, with its job id). */
public class ReconcileRunningException extends RuntimeException {

    private final String jobId;

    public ReconcileRunningException(String application, String jobId) {
        super("A reconcile of " + application + " is already running: job " + jobId);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
