-- Issue 20: the grants the bundle itself made in an application's org (merge, not replace: only these are ever
-- removed). record_id is the PermissionSetAssignment or GroupMember id; for profile and role, the id the User
-- record was given. Reads are a user's rows in one application (the plan) or all of a user's (the API view): the
-- primary key's prefix.
CREATE TABLE applied_grant (
    user_id     VARCHAR(36)  NOT NULL REFERENCES directory_user (id) ON DELETE CASCADE,
    application VARCHAR(64)  NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    name        VARCHAR(255) NOT NULL,
    record_id   VARCHAR(18)  NOT NULL,
    applied_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, application, kind, name)
);

-- An entitlement change's report row names its kind and direction (permissionSetGroups:remove is 26 characters).
ALTER TABLE provisioning_report ALTER COLUMN operation SET DATA TYPE VARCHAR(32);
