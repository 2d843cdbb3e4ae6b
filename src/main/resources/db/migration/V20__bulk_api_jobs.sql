-- Bulk API 2.0 ingest jobs (issue 18). A large load of one application and operation is reserved from the outbox
-- into one row here (its items point at it with provisioning_outbox.bulk_job and are left alone by the outbox's
-- claims); the Salesforce job id is stored before the CSV is uploaded, so a bundle that dies while a job runs resumes
-- it by id and never uploads the same rows twice. Kept to the SQL subset shared by PostgreSQL and H2.
CREATE TABLE bulk_ingest_job (
    id VARCHAR(36) PRIMARY KEY,
    application VARCHAR(100) NOT NULL,
    operation VARCHAR(20) NOT NULL,
    -- reserved, created (job id stored, upload not known to be done), uploaded, closed, done, failed
    state VARCHAR(20) NOT NULL,
    sf_job_id VARCHAR(18),
    items INTEGER NOT NULL,
    -- the file whose rows fill the job while it is still being read (null for other work)
    file_job_id VARCHAR(36),
    last_error VARCHAR(2000),
    claimed_by VARCHAR(64),
    claimed_until TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_bulk_ingest_job_state ON bulk_ingest_job (state);
ALTER TABLE provisioning_outbox ADD COLUMN bulk_job VARCHAR(36);
CREATE INDEX ix_provisioning_outbox_bulk_job ON provisioning_outbox (bulk_job, user_id);
