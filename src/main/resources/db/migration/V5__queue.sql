-- Queue inbound: the requests already applied, so that a redelivered message (same requestId, or the same JMS message
-- id when it has none) has no second effect. A row is inserted in the same transaction as the directory change.
-- Kept to the SQL subset shared by PostgreSQL and H2 (PostgreSQL mode).

CREATE TABLE processed_request (
    request_key  VARCHAR(255) NOT NULL PRIMARY KEY,
    source       VARCHAR(512),
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_processed_request_time ON processed_request (processed_at);
