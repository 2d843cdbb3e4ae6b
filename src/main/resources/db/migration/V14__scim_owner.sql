-- SCIM scope (issue 15): each identity provider's token owns the users and groups it created; another provider's
-- token does not see them. Rows written before this version have no owner: only admin providers
-- (provisioning.scim.admin-providers) see them, as they see directory users created outside SCIM.
-- Kept to the SQL subset shared by PostgreSQL and H2 (PostgreSQL mode).
ALTER TABLE scim_user ADD COLUMN owner VARCHAR(64);
CREATE INDEX ix_scim_user_owner ON scim_user (owner);

ALTER TABLE scim_group ADD COLUMN owner VARCHAR(64);
-- group names are unique per provider: Okta and Entra may both push a group called "Sales"
DROP INDEX ux_scim_group_display_name;
CREATE UNIQUE INDEX ux_scim_group_owner_display_name ON scim_group (owner, display_name_key);
