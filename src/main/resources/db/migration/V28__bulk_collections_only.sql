-- Bulk API 2.0 (issue 18): work a Bulk job gave back to the outbox for collections (a row the job cannot carry, a job
-- Salesforce failed or refused, rows it left unprocessed) is never reserved for a Bulk job again, so it goes out
-- through collections under the usual retry rules instead of circling between the two paths.
ALTER TABLE provisioning_outbox ADD COLUMN collections_only BOOLEAN DEFAULT FALSE NOT NULL;
