-- Bulk import by file drop: the files (claimed by one instance at a time, with a lease, and a checkpoint of the rows
-- already committed), the outcome of every row, and the link from outbox work to the file job that caused it.

CREATE TABLE inbound_file (
    job_id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    -- name, size and modification time: the same file is processed once, a new file under the same name again
    file_key       VARCHAR(700) NOT NULL,
    file_name      VARCHAR(512) NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    claimed_by     VARCHAR(64),
    lease_until    TIMESTAMP WITH TIME ZONE,
    rows_committed BIGINT       NOT NULL,
    bytes_total    BIGINT       NOT NULL,
    bytes_read     BIGINT       NOT NULL,
    result_file    VARCHAR(1024),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX ux_inbound_file_key ON inbound_file (file_key);
CREATE INDEX ix_inbound_file_status ON inbound_file (status);

CREATE TABLE bulk_row (
    job_id         VARCHAR(36)  NOT NULL,
    row_no         BIGINT       NOT NULL,
    identifier     VARCHAR(255),
    -- lower-cased user name: a second row for the same user in one file is reported, not applied
    identifier_key VARCHAR(255),
    action         VARCHAR(16),
    outcome        VARCHAR(16)  NOT NULL,
    detail         VARCHAR(2000),
    user_id        VARCHAR(36),
    PRIMARY KEY (job_id, row_no)
);
CREATE UNIQUE INDEX ux_bulk_row_identifier ON bulk_row (job_id, identifier_key);

ALTER TABLE provisioning_outbox ADD COLUMN job_id VARCHAR(36);
-- the claim reads due items in id order and stops at its batch size: with this index it never sorts the backlog
CREATE INDEX ix_provisioning_outbox_claim ON provisioning_outbox (status, id);
CREATE INDEX ix_provisioning_outbox_job ON provisioning_outbox (job_id, status);

ALTER TABLE provisioning_job ADD COLUMN rows_valid BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE provisioning_job ADD COLUMN rows_invalid BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE provisioning_job ADD COLUMN deleted BIGINT DEFAULT 0 NOT NULL;
