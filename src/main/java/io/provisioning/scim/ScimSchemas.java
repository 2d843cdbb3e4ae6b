package io.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The schema URNs and the discovery documents ({@code /ServiceProviderConfig}, {@code /Schemas},
 * {@code /ResourceTypes}) of this server: what it supports, described as RFC 7643 §5–7 asks.
 */
public final class ScimSchemas {

    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    static final String SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    private ScimSchemas() {}

    public static ObjectNode serviceProviderConfig(String baseUrl, int maxResults) {
        ObjectNode spc = object();
        spc.putArray("schemas").add(SPC);
        spc.put("documentationUri", "https://datatracker.ietf.org/doc/html/rfc7644");
        spc.putObject("patch").put("supported", true);
        spc.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        spc.putObject("filter").put("supported", true).put("maxResults", maxResults);
        spc.putObject("changePassword").put("supported", false);
        spc.putObject("sort").put("supported", false);
        spc.putObject("etag").put("supported", true);
        spc.putArray("authenticationSchemes")
                .addObject()
                .put("type", "oauthbearertoken")
                .put("name", "Bearer token")
                .put("description", "A token from provisioning.scim.tokens in the Authorization header")
                .put("primary", true);
        spc.set(
                "meta",
                object().put("resourceType", "ServiceProviderConfig")
                        .put("location", baseUrl + "/ServiceProviderConfig"));
        return spc;
    }

    public static ArrayNode resourceTypes(String baseUrl) {
        ArrayNode types = ScimJson.MAPPER.createArrayNode();
        ObjectNode user = types.addObject();
        user.putArray("schemas").add(RESOURCE_TYPE);
        user.put("id", "User")
                .put("name", "User")
                .put("endpoint", "/Users")
                .put("description", "Directory user")
                .put("schema", USER);
        user.putArray("schemaExtensions")
                .addObject()
                .put("schema", ENTERPRISE_USER)
                .put("required", false);
        user.set("meta", object().put("resourceType", "ResourceType").put("location", baseUrl + "/ResourceTypes/User"));
        ObjectNode group = types.addObject();
        group.putArray("schemas").add(RESOURCE_TYPE);
        group.put("id", "Group")
                .put("name", "Group")
                .put("endpoint", "/Groups")
                .put("description", "Group")
                .put("schema", GROUP);
        group.putArray("schemaExtensions");
        group.set(
                "meta", object().put("resourceType", "ResourceType").put("location", baseUrl + "/ResourceTypes/Group"));
        return types;
    }

    public static ArrayNode schemas(String baseUrl) {
        ArrayNode schemas = ScimJson.MAPPER.createArrayNode();
        schemas.add(schema(
                baseUrl,
                USER,
                "User",
                List.of(
                        attr("userName", "string", false, true, "readWrite", "server"),
                        complex(
                                "name",
                                false,
                                List.of(
                                        attr("formatted", "string"),
                                        attr("familyName", "string"),
                                        attr("givenName", "string"),
                                        attr("middleName", "string"),
                                        attr("honorificPrefix", "string"),
                                        attr("honorificSuffix", "string"))),
                        attr("displayName", "string"),
                        attr("nickName", "string"),
                        attr("profileUrl", "reference"),
                        attr("title", "string"),
                        attr("userType", "string"),
                        attr("preferredLanguage", "string"),
                        attr("locale", "string"),
                        attr("timezone", "string"),
                        attr("active", "boolean"),
                        attr("password", "string", false, false, "writeOnly", "none"),
                        multi("emails"),
                        multi("phoneNumbers"),
                        multi("ims"),
                        multi("photos"),
                        complex(
                                "addresses",
                                true,
                                List.of(
                                        attr("formatted", "string"),
                                        attr("streetAddress", "string"),
                                        attr("locality", "string"),
                                        attr("region", "string"),
                                        attr("postalCode", "string"),
                                        attr("country", "string"),
                                        attr("type", "string"),
                                        attr("primary", "boolean"))),
                        readOnlyMulti("groups"),
                        multi("entitlements"),
                        multi("roles"),
                        multi("x509Certificates"))));
        schemas.add(schema(
                baseUrl,
                ENTERPRISE_USER,
                "EnterpriseUser",
                List.of(
                        attr("employeeNumber", "string"),
                        attr("costCenter", "string"),
                        attr("organization", "string"),
                        attr("division", "string"),
                        attr("department", "string"),
                        complex(
                                "manager",
                                false,
                                List.of(
                                        attr("value", "string"),
                                        attr("$ref", "reference"),
                                        readOnly("displayName"))))));
        schemas.add(schema(
                baseUrl,
                GROUP,
                "Group",
                List.of(
                        attr("displayName", "string", false, true, "readWrite", "server"),
                        complex(
                                "members",
                                true,
                                List.of(
                                        attr("value", "string", false, false, "immutable", "none"),
                                        attr("$ref", "reference", false, false, "immutable", "none"),
                                        readOnly("display"),
                                        attr("type", "string", false, false, "immutable", "none"))))));
        return schemas;
    }

    private static ObjectNode schema(String baseUrl, String id, String name, List<ObjectNode> attributes) {
        ObjectNode schema = object();
        schema.putArray("schemas").add(SCHEMA);
        schema.put("id", id).put("name", name).put("description", name);
        schema.putArray("attributes").addAll(attributes);
        schema.set("meta", object().put("resourceType", "Schema").put("location", baseUrl + "/Schemas/" + id));
        return schema;
    }

    private static ObjectNode attr(String name, String type) {
        return attr(name, type, false, false, "readWrite", "none");
    }

    private static ObjectNode readOnly(String name) {
        return attr(name, "string", false, false, "readOnly", "none");
    }

    private static ObjectNode attr(
            String name, String type, boolean multiValued, boolean required, String mutability, String uniqueness) {
        return object().put("name", name)
                .put("type", type)
                .put("multiValued", multiValued)
                .put("required", required)
                .put("caseExact", false)
                .put("mutability", mutability)
                .put("returned", "writeOnly".equals(mutability) ? "never" : "default")
                .put("uniqueness", uniqueness);
    }

    private static ObjectNode complex(String name, boolean multiValued, List<ObjectNode> subAttributes) {
        ObjectNode attribute = attr(name, "complex", multiValued, false, "readWrite", "none");
        attribute.putArray("subAttributes").addAll(subAttributes);
        return attribute;
    }

    private static ObjectNode multi(String name) {
        return complex(
                name,
                true,
                List.of(
                        attr("value", "string"),
                        attr("display", "string"),
                        attr("type", "string"),
                        attr("primary", "boolean")));
    }

    /** A multi-valued attribute the server maintains, such as a user's groups: read-only down to its sub-attributes. */
    private static ObjectNode readOnlyMulti(String name) {
        ObjectNode attribute = complex(
                name,
                true,
                List.of(
                        readOnly("value"),
                        attr("$ref", "reference", false, false, "readOnly", "none"),
                        readOnly("display"),
                        readOnly("type")));
        attribute.put("mutability", "readOnly");
        return attribute;
    }

    /**
     * Renames the attributes of a resource the client sent to the schema's spelling ({@code USERNAME} → userName,
     * {@code name.FamilyName} → name.familyName, the extension URN): names are case-insensitive (RFC 7644 §3.10), so
     * the stored resource must not keep a second spelling beside the one the server writes.
     */
    static void canonicalize(ObjectNode resource, String coreSchema) {
        for (JsonNode schema : schemas("")) {
            String id = schema.path("id").asText();
            if (id.equals(coreSchema)) {
                canonicalize(resource, schema.path("attributes"));
            } else if (id.equals(ENTERPRISE_USER) && coreSchema.equals(USER)) {
                String key = ScimJson.key(resource, ENTERPRISE_USER);
                if (key != null && resource.get(key) instanceof ObjectNode extension) {
                    resource.remove(key);
                    resource.set(ENTERPRISE_USER, extension);
                    canonicalize(extension, schema.path("attributes"));
                }
            }
        }
    }

    private static void canonicalize(ObjectNode node, JsonNode attributes) {
        for (String key : new java.util.ArrayList<String>(fieldNames(node))) {
            for (JsonNode attribute : attributes) {
                String name = attribute.path("name").asText();
                if (!name.equalsIgnoreCase(key)) {
                    continue;
                }
                JsonNode value = node.remove(key);
                node.set(name, value);
                JsonNode subs = attribute.path("subAttributes");
                if (subs.isArray()) {
                    for (JsonNode element : value.isArray() ? value : List.of(value)) {
                        if (element instanceof ObjectNode complex) {
                            canonicalize(complex, subs);
                        }
                    }
                }
                break;
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static ObjectNode object() {
        return ScimJson.MAPPER.createObjectNode();
    }
}
