-- Issue 20: what each user should have in each application (profile, role, permission sets, permission set groups,
-- public groups), by name as the request gave it. One row per name; the primary key serves the only reads (a user's
-- rows, a user's rows in one application) and the per-application replace.
CREATE TABLE user_entitlement (
    user_id     VARCHAR(36)  NOT NULL REFERENCES directory_user (id) ON DELETE CASCADE,
    application VARCHAR(64)  NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    name        VARCHAR(255) NOT NULL,
    PRIMARY KEY (user_id, application, kind, name)
);
