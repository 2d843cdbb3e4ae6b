-- A file job keeps its provisioning totals once it is complete, so that its view stays true after the finished
-- outbox items it counted are purged (provisioning.work.retention-days).
ALTER TABLE provisioning_job ADD COLUMN provisioned BIGINT;
ALTER TABLE provisioning_job ADD COLUMN provisioning_failed BIGINT;
-- The purge finds finished jobs by their end.
CREATE INDEX ix_provisioning_job_finished ON provisioning_job (finished_at);
