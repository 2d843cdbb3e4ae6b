-- Re-drive (issue 17, item 5): failed work put back in the queue names the report row of the failure it retries,
-- and so does every report row of the retried work, so a report links each retry to the failure before it.
-- Kept to the SQL subset shared by PostgreSQL and H2 (PostgreSQL mode).
ALTER TABLE provisioning_outbox ADD COLUMN retry_of BIGINT;
ALTER TABLE provisioning_report ADD COLUMN retry_of BIGINT;
-- the re-drive finds the last failure row of each failed item by its request id (outbox-<id>)
CREATE INDEX ix_provisioning_report_request ON provisioning_report (request_id, id);
