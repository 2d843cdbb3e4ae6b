-- Lifecycle: what was last sent to each application (so edits send only changed fields), and jobs (imports).

-- lower-cased e-mail: imports match users by e-mail, case-insensitive
ALTER TABLE directory_user ADD COLUMN email_key VARCHAR(320);
UPDATE directory_user SET email_key = LOWER(email);
CREATE INDEX ix_directory_user_email_key ON directory_user (email_key);

-- JSON object of the mapped fields last written to the application's record
ALTER TABLE application_link ADD COLUMN synced_fields TEXT;

CREATE TABLE provisioning_job (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    kind        VARCHAR(32)  NOT NULL,
    application VARCHAR(64),
    source      VARCHAR(512),
    status      VARCHAR(16)  NOT NULL,
    rows_read   BIGINT       NOT NULL,
    created     BIGINT       NOT NULL,
    updated     BIGINT       NOT NULL,
    unchanged   BIGINT       NOT NULL,
    failed      BIGINT       NOT NULL,
    error       VARCHAR(2000),
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_provisioning_job_started ON provisioning_job (started_at);

-- Outbox items of one user and application are applied in order: the claim looks for earlier pending ones.
CREATE INDEX ix_provisioning_outbox_user ON provisioning_outbox (user_id, application, status);
