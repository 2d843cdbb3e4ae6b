-- SCIM 2.0 (issue 8): the SCIM side of directory users, and groups with their members.
-- Kept to the SQL subset shared by PostgreSQL and H2 (PostgreSQL mode).

-- The SCIM resource of a directory user, written in the same transaction as the user: the attributes the directory
-- has no column for (as the SCIM JSON the provider sent, without id and meta), a few filterable ones as columns,
-- its own version (part of the ETag), and the deleted flag (DELETE deprovisions the user and hides it from SCIM).
CREATE TABLE scim_user (
    user_id          VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES directory_user (id) ON DELETE CASCADE,
    external_id      VARCHAR(255),
    display_name     VARCHAR(255),
    employee_number  VARCHAR(255),
    resource         TEXT         NOT NULL,
    deleted          BOOLEAN      NOT NULL,
    version          INTEGER      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_scim_user_external_id ON scim_user (external_id);

CREATE TABLE scim_group (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    display_name     VARCHAR(255) NOT NULL,
    -- lower-cased display name: unique, case-insensitive
    display_name_key VARCHAR(255) NOT NULL,
    external_id      VARCHAR(255),
    version          INTEGER      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX ux_scim_group_display_name ON scim_group (display_name_key);

CREATE TABLE scim_group_member (
    group_id VARCHAR(36) NOT NULL REFERENCES scim_group (id) ON DELETE CASCADE,
    user_id  VARCHAR(36) NOT NULL REFERENCES directory_user (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX ix_scim_group_member_user ON scim_group_member (user_id);
