-- The console's user list (issue 22) pages all users oldest first: with this index a page reads its rows in order
-- instead of sorting the whole directory for every page.
CREATE INDEX ix_directory_user_created ON directory_user (created_at, id);
