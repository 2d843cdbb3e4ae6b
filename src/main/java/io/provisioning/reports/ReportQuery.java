package io.provisioning.reports;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One validated selection of report rows: exact filters (null = any), the half-open time span {@code [from, to)},
 * and the page ({@code page} counts from 1). Built by {@link ReportQueryParser}.
 */
public record ReportQuery(
        String identifier,
        String application,
        String operation,
        String status,
        Instant from,
        Instant to,
        int page,
        int size,
        Bucket bucket) {

    /**
     * The report statuses: {@code retrying} is a failed attempt that will be retried; issue 17: {@code paused} and
     * {@code quarantined} (an application stopped writing; its work waits), {@code held} (a deletion beyond the
     * threshold, waiting for approval), {@code discarded} (a held deletion dropped, never sent), {@code drift} and
     * {@code missing} (what a reconcile found: a record changed or deleted in Salesforce).
     */
    public static final List<String> STATUSES = List.of(
            "success",
            "failure",
            "retrying",
            "skipped",
            "paused",
            "quarantined",
            "held",
            "discarded",
            "drift",
            "missing");

    /** The operations a report row can record. */
    public static final Set<String> OPERATIONS = Set.of(
            "create",
            "update",
            "delete",
            "activate",
            "import",
            "upsert",
            "queue",
            "verify",
            "activation-mail",
            "password-sync",
            "password-reset",
            "bulk-import",
            // issue 17: an application paused, quarantined or resumed; a drift reconcile
            "pause",
            "quarantine",
            "resume",
            "reconcile",
            // issue 20: one row per entitlement change (GrantChange.operation)
            "profile:add",
            "role:add",
            "permissionSets:add",
            "permissionSets:remove",
            "permissionSetGroups:add",
            "permissionSetGroups:remove",
            "publicGroups:add",
            "publicGroups:remove");

    public long offset() {
        return (long) (page - 1) * size;
    }

    /** The width of one histogram bucket. */
    public enum Bucket {
        HOUR(3_600),
        DAY(86_400);

        private final long seconds;

        Bucket(long seconds) {
            this.seconds = seconds;
        }

        public long seconds() {
            return seconds;
        }
    }
}
