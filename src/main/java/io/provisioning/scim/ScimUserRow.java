package io.provisioning.scim;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.provisioning.directory.User;

/**
 * A directory user with its SCIM side: the stored SCIM attributes (null for a user that never came through SCIM)
 * and the two versions its ETag is made of.
 */
public record ScimUserRow(User user, long userVersion, ObjectNode resource, long scimVersion, OffsetDateTime scimUpdatedAt) {

    public String etag() {
        return "W/\"" + userVersion + "-" + scimVersion + "\"";
    }

    public OffsetDateTime lastModified() {
        return scimUpdatedAt != null && scimUpdatedAt.isAfter(user.updatedAt()) ? scimUpdatedAt : user.updatedAt();
    }
}
