package io.provisioning.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on SCIM answers, shared by the SCIM test classes (a test class's statics would start its bundle). */
public final class ScimAssert {

    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    private ScimAssert() {
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
