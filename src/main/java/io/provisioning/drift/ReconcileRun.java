package io.provisioning.drift;

import io.provisioning.salesforce.SalesforceApplication;
import java.util.List;

/** One reconcile in progress: its job, mode, the fields it reads, and what it found so far. */
final class ReconcileRun {

    final String jobId;
    final SalesforceApplication application;
    final ReconcileMode mode;
    final List<String> fields;
    final String source;
    long checked;
    long inSync;
    long drift;
    long missing;
    long repairs;
    volatile boolean failed;

    ReconcileRun(
            String jobId, SalesforceApplication application, ReconcileMode mode, List<String> fields, String source) {
        this.jobId = jobId;
        this.application = application;
        this.mode = mode;
        this.fields = fields;
        this.source = source;
    }

    String summary() {
        return "checked " + checked + ": in sync " + inSync + ", drift " + drift + ", missing " + missing
                + (mode == ReconcileMode.REPAIR ? ", repairs queued " + repairs : "");
    }
}
