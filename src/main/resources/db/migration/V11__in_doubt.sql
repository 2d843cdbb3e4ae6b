-- Exactly once at the Salesforce boundary (issue 14): when the latest attempt of an outbox item was sent to
-- Salesforce and its outcome is not yet known. Set before a create is sent, cleared when the item finishes; an item
-- claimed with it set is "in doubt": the earlier attempt may have been applied, so it is looked up (or upserted on
-- the application's external-id field) before it is sent again. Kept to the SQL subset shared by PostgreSQL and H2.
ALTER TABLE provisioning_outbox ADD COLUMN sent_at TIMESTAMP WITH TIME ZONE;
-- When this instance claimed the item: its lease is renewed while a slow call is still running (so neither this nor
-- another instance claims and sends it again), for a few leases at most.
ALTER TABLE provisioning_outbox ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
