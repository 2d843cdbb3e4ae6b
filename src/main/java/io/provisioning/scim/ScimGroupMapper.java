package io.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** SCIM Group ↔ stored group: displayName, externalId, members (user ids; groups as members are not supported). */
public final class ScimGroupMapper {

    private ScimGroupMapper() {}

    public record Incoming(String displayName, String externalId, Set<String> memberIds) {}

    public static Incoming fromScim(ObjectNode body) {
        ScimUserMapper.checkSchemas(body, ScimSchemas.GROUP, List.of(ScimSchemas.GROUP));
        String displayName = ScimJson.text(body, "displayName");
        if (displayName == null || displayName.isBlank()) {
            throw ScimException.invalidValue("'displayName' is required");
        }
        if (displayName.length() > 255) {
            throw ScimException.invalidValue("'displayName' must be at most 255 characters");
        }
        String externalId = ScimJson.text(body, "externalId");
        Set<String> members = new LinkedHashSet<>();
        JsonNode values = ScimJson.get(body, "members");
        if (values != null && !values.isNull()) {
            if (!values.isArray()) {
                throw ScimException.invalidValue("'members' must be an array");
            }
            for (JsonNode member : values) {
                if (member.isTextual()) { // a bare id, as some providers send members
                    members.add(member.textValue());
                    continue;
                }
                String value = ScimJson.text(member, "value");
                if (value == null) {
                    throw ScimException.invalidValue("Each member needs a 'value' (a user id)");
                }
                String type = ScimJson.text(member, "type");
                if (type != null && !type.equalsIgnoreCase("User")) {
                    throw ScimException.invalidValue("Only users can be members, not " + type);
                }
                members.add(value);
            }
        }
        return new Incoming(displayName, externalId, members);
    }

    public static ObjectNode toScim(ScimGroupRow row, String baseUrl, boolean withMembers) {
        ObjectNode group = ScimSchemas.object();
        group.putArray("schemas").add(ScimSchemas.GROUP);
        group.put("id", row.id());
        group.put("displayName", row.displayName());
        if (row.externalId() != null) {
            group.put("externalId", row.externalId());
        }
        if (withMembers) {
            ArrayNode members = group.putArray("members");
            for (ScimGroupRow.Member member : row.members()) {
                members.addObject()
                        .put("value", member.userId())
                        .put("display", member.userName())
                        .put("type", "User")
                        .put("$ref", baseUrl + "/Users/" + member.userId());
            }
        }
        ObjectNode meta = group.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", row.created().toString());
        meta.put("lastModified", row.lastModified().toString());
        meta.put("location", baseUrl + "/Groups/" + row.id());
        meta.put("version", row.etag());
        return group;
    }
}
