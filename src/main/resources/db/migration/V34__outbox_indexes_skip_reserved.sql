-- Issue 18: during a large load most pending items are reserved for Bulk API jobs (bulk_job set). The outbox's claim
-- and the reservation of a file's rows look only for unreserved ones (bulk_job IS NULL), but their indexes, (status,
-- id) and (job_id, status), made them walk every reserved item of the load on each round: a million rows a round
-- for a 1,000,000-row file. With bulk_job in the index they reach the unreserved items directly, in id order.
CREATE INDEX ix_provisioning_outbox_unreserved ON provisioning_outbox (status, bulk_job, id);
DROP INDEX ix_provisioning_outbox_job;
CREATE INDEX ix_provisioning_outbox_job ON provisioning_outbox (job_id, status, bulk_job, id);
