-- Issue 21: an import job names the instance that runs it (cluster node id), so a starting instance interrupts only
-- its own earlier process's imports and those of instances whose heartbeat lease ("instance:<node>" in cluster_lease)
-- has expired, never a live instance's running import. Jobs from before this column have no owner.
ALTER TABLE provisioning_job ADD COLUMN run_by VARCHAR(200);
-- "instance:" and a node id of up to 200 characters (cluster_lease.holder)
ALTER TABLE cluster_lease ALTER COLUMN namespace SET DATA TYPE VARCHAR(255);
