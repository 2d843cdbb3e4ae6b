-- Indexes no query uses any more cost every write: e-mail matching uses email_key, and the outbox claim reads in
-- (status, id) order since V7.
DROP INDEX ix_directory_user_email;
DROP INDEX ix_provisioning_outbox_due;
