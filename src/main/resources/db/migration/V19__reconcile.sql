-- Drift detection and repair (issue 17, item 6): at most one reconcile per application at a time, across
-- instances. The row is the lock (primary key), naming the running job; it is removed when the job ends, and a row
-- older than provisioning.reconcile.lock-minutes (an instance died mid-run) is taken over.
-- Kept to the SQL subset shared by PostgreSQL and H2 (PostgreSQL mode).
CREATE TABLE reconcile_run (
    application VARCHAR(64) NOT NULL PRIMARY KEY,
    job_id      VARCHAR(36) NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
