package io.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioning.directory.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SCIM User ↔ directory user. userName → userName; emails (primary, else work, else first).value → email;
 * name.givenName/familyName → firstName/lastName; enterprise organization (else the configured default) → company;
 * active → active. A few flat attributes are also copied into custom attributes (so mapping files can use them):
 * {@link #CUSTOM_ATTRIBUTES}. Everything the provider sent is kept as the stored SCIM resource, so GET returns it,
 * with the directory's current values laid over the mapped attributes.
 */
public final class ScimUserMapper {

    /** Custom attributes owned by SCIM: set from each SCIM write, removed when the resource no longer has them. */
    public static final List<String> CUSTOM_ATTRIBUTES = List.of(
            "externalId",
            "displayName",
            "title",
            "phoneNumber",
            "employeeNumber",
            "department",
            "division",
            "costCenter",
            "manager");

    private static final List<String> NOT_STORED = List.of("id", "meta", "schemas", "password", "groups");

    private final String defaultCompany;

    /** @param defaultCompany the company of users whose resource has no enterprise organization (null: none) */
    public ScimUserMapper(String defaultCompany) {
        this.defaultCompany = defaultCompany == null || defaultCompany.isBlank() ? null : defaultCompany;
    }

    /** A validated SCIM user: what the directory, the custom attributes and the SCIM columns get. */
    public record Incoming(
            ObjectNode stored,
            Map<String, String> profile,
            Map<String, Object> custom,
            Boolean active,
            String externalId,
            String displayName,
            String employeeNumber) {

        /** The {@code /api/users} JSON body of this user, for the API's own validation. */
        public Map<String, Object> apiBody(boolean withNulls) {
            Map<String, Object> body = new LinkedHashMap<>();
            profile.forEach((k, v) -> {
                if (withNulls || v != null) {
                    body.put(k, v);
                }
            });
            Map<String, Object> customValues = new LinkedHashMap<>();
            custom.forEach((k, v) -> {
                if (withNulls || v != null) {
                    customValues.put(k, v);
                }
            });
            body.put("customAttributes", customValues);
            return body;
        }
    }

    public Incoming fromScim(ObjectNode body) {
        checkSchemas(body, ScimSchemas.USER, List.of(ScimSchemas.USER, ScimSchemas.ENTERPRISE_USER));
        String userName = ScimJson.text(body, "userName");
        if (userName == null || userName.isBlank()) {
            throw ScimException.invalidValue("'userName' is required");
        }
        JsonNode name = object(body, "name");
        ObjectNode enterprise = object(body, ScimSchemas.ENTERPRISE_USER);
        String manager = enterprise == null ? null : ScimJson.key(enterprise, "manager");
        if (manager != null && enterprise.get(manager).isTextual()) {
            // Entra sends the manager as a plain id: {"op":"Replace","path":"…:manager","value":"<id>"}
            String managerId = enterprise.get(manager).textValue();
            enterprise.putObject(manager).put("value", managerId);
        }
        Map<String, String> profile = new LinkedHashMap<>();
        profile.put("userName", userName);
        profile.put("email", chosen(body, "emails"));
        profile.put("firstName", ScimJson.text(name, "givenName"));
        profile.put("lastName", ScimJson.text(name, "familyName"));
        String organization = ScimJson.text(enterprise, "organization");
        profile.put("company", organization != null ? organization : defaultCompany);
        Boolean active = ScimJson.bool(ScimJson.get(body, "active"), "active");

        Map<String, Object> custom = new LinkedHashMap<>();
        String externalId = ScimJson.text(body, "externalId");
        String displayName = ScimJson.text(body, "displayName");
        String employeeNumber = ScimJson.text(enterprise, "employeeNumber");
        custom.put("externalId", externalId);
        custom.put("displayName", displayName);
        custom.put("title", ScimJson.text(body, "title"));
        custom.put("phoneNumber", chosen(body, "phoneNumbers"));
        custom.put("employeeNumber", employeeNumber);
        custom.put("department", ScimJson.text(enterprise, "department"));
        custom.put("division", ScimJson.text(enterprise, "division"));
        custom.put("costCenter", ScimJson.text(enterprise, "costCenter"));
        custom.put("manager", ScimJson.text(object(enterprise, "manager"), "value"));

        ObjectNode stored = body.deepCopy();
        NOT_STORED.forEach(key -> stored.remove(keyOf(stored, key)));
        ScimSchemas.canonicalize(stored, ScimSchemas.USER);
        if (active != null) {
            stored.put(keyOf(stored, "active"), active.booleanValue());
        }
        return new Incoming(stored, profile, custom, active, externalId, displayName, employeeNumber);
    }

    /** The SCIM resource of a directory user, as GET returns it. */
    public ObjectNode toScim(ScimUserRow row, String baseUrl) {
        User user = row.user();
        ObjectNode resource = ScimSchemas.object();
        ArrayNode schemas = resource.putArray("schemas").add(ScimSchemas.USER);
        resource.put("id", user.id());
        ObjectNode stored =
                row.resource() == null ? ScimSchemas.object() : row.resource().deepCopy();
        resource.setAll(stored);
        resource.put("userName", user.userName());
        ObjectNode name = object(resource, "name") == null ? resource.putObject("name") : object(resource, "name");
        putOrRemove(name, "givenName", user.firstName());
        putOrRemove(name, "familyName", user.lastName());
        if (name.isEmpty()) {
            resource.remove("name");
        }
        if (user.email() != null) {
            ArrayNode emails =
                    ScimJson.get(resource, "emails") instanceof ArrayNode a ? a : resource.putArray("emails");
            ObjectNode chosen = chosenNode(emails);
            if (chosen == null) {
                emails.addObject()
                        .put("value", user.email())
                        .put("type", "work")
                        .put("primary", true);
            } else {
                chosen.put(keyOf(chosen, "value"), user.email());
            }
        }
        resource.put(keyOf(resource, "active"), user.active());
        ObjectNode enterprise = object(resource, ScimSchemas.ENTERPRISE_USER);
        if (user.company() != null
                && (row.resource() == null
                        || (enterprise != null && ScimJson.get(enterprise, "organization") != null))) {
            if (enterprise == null) {
                enterprise = resource.putObject(ScimSchemas.ENTERPRISE_USER);
            }
            enterprise.put(keyOf(enterprise, "organization"), user.company());
        }
        if (enterprise != null && !enterprise.isEmpty()) {
            schemas.add(ScimSchemas.ENTERPRISE_USER);
        }
        if (!row.groups().isEmpty()) { // readOnly (RFC 7643 §4.1.2): what the groups say, never what a request said
            ArrayNode groups = resource.putArray("groups");
            row.groups().forEach(g -> groups.addObject()
                    .put("value", g.id())
                    .put("$ref", baseUrl + "/Groups/" + g.id())
                    .put("display", g.displayName())
                    .put("type", "direct"));
        }
        ObjectNode meta = resource.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", user.createdAt().toString());
        meta.put("lastModified", row.lastModified().toString());
        meta.put("location", baseUrl + "/Users/" + user.id());
        meta.put("version", row.etag());
        return resource;
    }

    /** {@code schemas} must name the resource's core schema, and only schemas this server knows. */
    static void checkSchemas(ObjectNode body, String core, List<String> known) {
        JsonNode schemas = ScimJson.get(body, "schemas");
        if (schemas == null || !schemas.isArray() || schemas.isEmpty()) {
            throw ScimException.invalidSyntax("'schemas' is required: [\"" + core + "\"]");
        }
        boolean hasCore = false;
        for (JsonNode schema : schemas) {
            String urn = schema.asText();
            if (known.stream().noneMatch(urn::equalsIgnoreCase)) {
                throw ScimException.invalidValue("Unknown schema '" + urn + "'");
            }
            hasCore |= urn.equalsIgnoreCase(core);
        }
        if (!hasCore) {
            throw ScimException.invalidValue("'schemas' must contain \"" + core + "\"");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (name.regionMatches(true, 0, "urn:", 0, 4)) {
                boolean listed = false;
                for (JsonNode schema : schemas) {
                    listed |= schema.asText().equalsIgnoreCase(name);
                }
                if (!listed || name.equalsIgnoreCase(core)) {
                    throw ScimException.invalidValue("Extension '" + name + "' is not listed in schemas or not known");
                }
            }
        });
    }

    /** The value of the primary element of a multi-valued attribute, else the work one, else the first. */
    private static String chosen(JsonNode body, String attribute) {
        JsonNode values = ScimJson.get(body, attribute);
        if (values == null || values.isNull()) {
            return null;
        }
        if (!values.isArray()) {
            throw ScimException.invalidValue("'" + attribute + "' must be an array");
        }
        for (JsonNode value : values) {
            if (!value.isObject()) {
                throw ScimException.invalidValue("Each value of '" + attribute + "' must be an object");
            }
            ScimJson.text(value, "value");
            ScimJson.text(value, "type");
            ScimJson.bool(ScimJson.get(value, "primary"), attribute + ".primary");
        }
        ObjectNode chosen = chosenNode((ArrayNode) values);
        return chosen == null ? null : ScimJson.text(chosen, "value");
    }

    private static ObjectNode chosenNode(ArrayNode values) {
        ObjectNode work = null;
        ObjectNode first = null;
        for (JsonNode value : values) {
            if (!(value instanceof ObjectNode element)) {
                continue;
            }
            JsonNode primary = ScimJson.get(element, "primary");
            if (primary != null && ("true".equalsIgnoreCase(primary.asText()))) {
                return element;
            }
            String type = ScimJson.get(element, "type") == null
                    ? null
                    : ScimJson.get(element, "type").asText();
            if (work == null && type != null && type.toLowerCase(Locale.ROOT).equals("work")) {
                work = element;
            }
            if (first == null) {
                first = element;
            }
        }
        return work != null ? work : first;
    }

    private static ObjectNode object(JsonNode parent, String name) {
        JsonNode value = ScimJson.get(parent, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue("'" + name + "' must be an object");
        }
        return (ObjectNode) value;
    }

    private static void putOrRemove(ObjectNode object, String name, String value) {
        String key = keyOf(object, name);
        if (value == null) {
            object.remove(key);
        } else {
            object.put(key, value);
        }
    }

    private static String keyOf(JsonNode object, String name) {
        String key = ScimJson.key(object, name);
        return key == null ? name : key;
    }
}
