-- Issue 17: the counts behind the quarantine and the deletion threshold are shared by every instance and survive a
-- restart. Kept to the SQL subset shared by PostgreSQL and H2 (PostgreSQL mode).

-- The quarantine's window of recent writes: per application and second, writes that succeeded and that failed
-- permanently; rows older than the window are deleted as they age out, and all of an application's on resume.
CREATE TABLE write_window (
    application VARCHAR(64) NOT NULL,
    epoch_second BIGINT     NOT NULL,
    succeeded   BIGINT      NOT NULL,
    failed      BIGINT      NOT NULL,
    PRIMARY KEY (application, epoch_second)
);

-- One row per application, locked (SELECT ... FOR UPDATE) while an instance counts the deletions let through in the
-- rolling hour and admits more: two instances never both see room for the same last deletions.
CREATE TABLE deletion_gate (
    application VARCHAR(64) NOT NULL PRIMARY KEY
);
