package io.provisioning.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioning.directory.GroupMemberships;
import io.provisioning.directory.User;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A directory user with its SCIM side: the stored SCIM attributes (null for a user that never came through SCIM),
 * the two versions its ETag is made of, and the groups it belongs to (those the reading provider sees).
 */
public record ScimUserRow(
        User user,
        long userVersion,
        ObjectNode resource,
        long scimVersion,
        OffsetDateTime scimUpdatedAt,
        List<GroupMemberships.Group> groups) {

    public ScimUserRow(
            User user, long userVersion, ObjectNode resource, long scimVersion, OffsetDateTime scimUpdatedAt) {
        this(user, userVersion, resource, scimVersion, scimUpdatedAt, List.of());
    }

    ScimUserRow withGroups(List<GroupMemberships.Group> memberOf) {
        return new ScimUserRow(user, userVersion, resource, scimVersion, scimUpdatedAt, List.copyOf(memberOf));
    }

    public String etag() {
        return "W/\"" + userVersion + "-" + scimVersion + "\"";
    }

    public OffsetDateTime lastModified() {
        return scimUpdatedAt != null && scimUpdatedAt.isAfter(user.updatedAt()) ? scimUpdatedAt : user.updatedAt();
    }
}
