-- A file job keeps its provisioning totals once it is complete, so that its view stays true after the finished
-- outbox items it counted are purged (provisioning.work.retention-days).
ALTER TABLE provisioning_job ADD COLUMN provisioned BIGINT;
ALTER TABLE provisioning_job ADD COLUMN provisioning_failed BIGINT;
-- The purge finds finished jobs by their end.
CREATE INDEX ix_provisioning_job_finished ON provisioning_job (finished_at);
-- File jobs that finished before this migration keep their totals too (counted while their outbox items still exist).
UPDATE provisioning_job SET
    provisioned = (SELECT COUNT(*) FROM provisioning_outbox o WHERE o.job_id = provisioning_job.id AND o.status = 'done'),
    provisioning_failed = (SELECT COUNT(*) FROM provisioning_outbox o WHERE o.job_id = provisioning_job.id AND o.status = 'failed')
WHERE kind = 'file' AND status = 'completed';
