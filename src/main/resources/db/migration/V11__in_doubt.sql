-- Exactly once at the Salesforce boundary (issue 14): when the latest attempt of an outbox item was sent to
-- Salesforce and its outcome is not yet known. Set before a create is sent, cleared when the item finishes; an item
-- claimed with it set is "in doubt": the earlier attempt may have been applied, so it is looked up (or upserted on
-- the application's external-id field) before it is sent again. Kept to the SQL subset shared by PostgreSQL and H2.
ALTER TABLE provisioning_outbox ADD COLUMN sent_at TIMESTAMP WITH TIME ZONE;
