package io.provisioning.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The SCIM URNs, PATCH bodies and error assertions the SCIM test classes share (here, not on a test class: using a
 * test class's statics would initialise it, and its settings would replace the running class's).
 */
public final class ScimTests {

    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    private ScimTests() {}

    /** A PatchOp body with these operations (JSON objects, comma-separated). */
    public static String patch(String operations) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operations + "]}";
    }

    /** An RFC 7644 §3.12 error: the status, the error schema, status as a string and (when given) the scimType. */
    public static void assertError(ScimClient.Response response, int status, String scimType) {
        assertEquals(status, response.status(), response.toString());
        JsonNode error = response.json();
        assertEquals(ERROR, error.path("schemas").path(0).asText(), response.toString());
        assertEquals(String.valueOf(status), error.path("status").asText(), "status is a string");
        if (scimType != null) {
            assertEquals(scimType, error.path("scimType").asText(), response.toString());
        }
        String type = response.header("Content-Type");
        assertEquals(true, type != null && type.startsWith("application/scim+json"), "Content-Type " + type);
    }
}
