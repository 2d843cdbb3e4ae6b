package io.provisioning.scim;

import java.time.OffsetDateTime;
import java.util.List;

/** A stored group and its members (user id and user name). */
public record ScimGroupRow(
        String id,
        String displayName,
        String externalId,
        long version,
        OffsetDateTime created,
        OffsetDateTime lastModified,
        List<Member> members) {

    public record Member(String userId, String userName) {}

    public String etag() {
        return "W/\"" + version + "\"";
    }
}
