-- Provisioning reports: the request/job id of each row, a lower-cased identifier for case-insensitive exact
-- filtering, and indexes for the report filters (identifier, application, status, time; newest first).
-- Kept to the SQL subset shared by PostgreSQL and H2 (PostgreSQL mode).

ALTER TABLE provisioning_report ADD COLUMN request_id VARCHAR(128);
ALTER TABLE provisioning_report ADD COLUMN user_identifier_key VARCHAR(255);
UPDATE provisioning_report SET user_identifier_key = LOWER(user_identifier);
ALTER TABLE provisioning_report ALTER COLUMN user_identifier_key SET NOT NULL;

-- The identifier filter matches the lower-cased key; the old index on the raw identifier is no longer used.
DROP INDEX ix_provisioning_report_identifier;
CREATE INDEX ix_provisioning_report_identifier_key ON provisioning_report (user_identifier_key, occurred_at);
-- Newest first with a stable tie-break on id, for the unfiltered time span and for paging.
DROP INDEX ix_provisioning_report_time;
CREATE INDEX ix_provisioning_report_time ON provisioning_report (occurred_at, id);
CREATE INDEX ix_provisioning_report_status ON provisioning_report (status, occurred_at);
