-- Issue 17: an application's writes can be stopped (paused by the API budget, quarantined after a storm of permanent
-- failures), and deletions beyond the threshold are held for approval. Shared by every instance.

CREATE TABLE application_state (
    application   VARCHAR(64)   NOT NULL PRIMARY KEY,
    -- paused (resumes by itself once /limits shows budget again) or quarantined (until POST .../resume)
    state         VARCHAR(16)   NOT NULL,
    reason        VARCHAR(2000) NOT NULL,
    -- a few recent error texts, one per line
    sample_errors VARCHAR(4000),
    since         TIMESTAMP WITH TIME ZONE NOT NULL,
    -- when a paused application's budget is checked again
    recheck_at    TIMESTAMP WITH TIME ZONE
);

-- held deletions have status 'held' (discarded ones 'discarded'); a deletion counts against the rolling hour from
-- the time it was let through
ALTER TABLE provisioning_outbox ADD COLUMN held_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE provisioning_outbox ADD COLUMN delete_admitted_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_provisioning_outbox_deletes ON provisioning_outbox (application, delete_admitted_at);
