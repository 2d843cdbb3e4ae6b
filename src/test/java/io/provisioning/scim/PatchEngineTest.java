package io.provisioning.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PatchEngineTest {

    private static final ObjectNode USER = ScimJson.readObject(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1","userName":"ada","active":true,
             "name":{"givenName":"Ada","familyName":"Lovelace"},"title":"Countess",
             "emails":[{"type":"work","value":"ada@work.example","primary":true},{"type":"home","value":"ada@home.example"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Math"},
             "meta":{"version":"W/\\"1\\""}}""");

    private static ObjectNode patch(String operations) {
        return PatchEngine.apply(
                USER,
                ScimJson.readObject("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                        + operations + "]}"));
    }

    private static String scimType(String operations) {
        return assertThrows(ScimException.class, () -> patch(operations)).scimType();
    }

    @Test
    void replaceAddRemoveWithPaths() {
        ObjectNode result = patch(
                """
                {"op":"Replace","path":"name.familyName","value":"King"},
                {"op":"add","path":"nickName","value":"Ada K"},
                {"op":"remove","path":"title"},
                {"op":"replace","path":"emails[type eq \\"work\\"].value","value":"ada@new.example"},
                {"op":"add","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"+1 555"},
                {"op":"remove","path":"emails[type eq \\"home\\"]"},
                {"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value","value":"m1"}""");
        assertEquals("King", result.path("name").path("familyName").asText());
        assertEquals("Ada", result.path("name").path("givenName").asText());
        assertEquals("Ada K", result.path("nickName").asText());
        assertTrue(result.path("title").isMissingNode());
        assertEquals(1, result.path("emails").size());
        assertEquals(
                "ada@new.example", result.path("emails").path(0).path("value").asText());
        assertEquals("mobile", result.path("phoneNumbers").path(0).path("type").asText());
        assertEquals("+1 555", result.path("phoneNumbers").path(0).path("value").asText());
        assertEquals(
                "m1",
                result.path(ScimSchemas.ENTERPRISE_USER)
                        .path("manager")
                        .path("value")
                        .asText());
        assertEquals(
                "Math",
                result.path(ScimSchemas.ENTERPRISE_USER).path("department").asText());
        assertEquals("Lovelace", USER.path("name").path("familyName").asText(), "the input is not changed");
    }

    @Test
    void withoutPathTheValueIsMergedAndStringBooleansAreAccepted() {
        ObjectNode result = patch(
                """
                {"op":"replace","value":{"active":"False","name":{"familyName":"King"},"name.givenName":"Augusta",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"division":"Engines"}}},
                {"op":"add","value":{"emails":[{"type":"other","value":"a@other.example"}]}}""");
        assertFalse(result.path("active").asBoolean());
        assertTrue(result.path("active").isBoolean());
        assertEquals("King", result.path("name").path("familyName").asText());
        assertEquals("Augusta", result.path("name").path("givenName").asText());
        assertEquals(
                "Engines",
                result.path(ScimSchemas.ENTERPRISE_USER).path("division").asText());
        assertEquals(
                "Math",
                result.path(ScimSchemas.ENTERPRISE_USER).path("department").asText());
        assertEquals(3, result.path("emails").size(), "add appends to a multi-valued attribute");
        assertTrue(patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}")
                .path("active")
                .asBoolean());
    }

    @Test
    void membersAreAddedAndRemovedByValue() {
        ObjectNode group = ScimJson.readObject("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"g\",\"members\":[{\"value\":\"a\",\"display\":\"A\"}]}");
        String ops = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                + "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"a\"},{\"value\":\"b\"}]},"
                + "{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"a\"}]}]}";
        ObjectNode result = PatchEngine.apply(group, ScimJson.readObject(ops));
        assertEquals(1, result.path("members").size());
        assertEquals("b", result.path("members").path(0).path("value").asText());
    }

    @Test
    void errorsFollowTheRfc() {
        assertEquals("noTarget", scimType("{\"op\":\"remove\"}"));
        assertEquals(
                "noTarget",
                scimType("{\"op\":\"replace\",\"path\":\"emails[type eq \\\"fax\\\"].value\",\"value\":\"x\"}"));
        assertEquals("noTarget", scimType("{\"op\":\"remove\",\"path\":\"emails[type eq \\\"fax\\\"]\"}"));
        assertEquals("mutability", scimType("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"2\"}"));
        assertEquals("mutability", scimType("{\"op\":\"replace\",\"path\":\"meta.version\",\"value\":\"2\"}"));
        assertEquals("mutability", scimType("{\"op\":\"replace\",\"value\":{\"id\":\"2\"}}"));
        assertEquals("invalidSyntax", scimType("{\"op\":\"copy\",\"path\":\"title\",\"value\":\"x\"}"));
        assertEquals("invalidValue", scimType("{\"op\":\"replace\",\"path\":\"title\"}"));
        assertEquals("invalidValue", scimType("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"perhaps\"}"));
        assertEquals("invalidPath", scimType("{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"x\"}"));
        assertEquals(
                "invalidPath", scimType("{\"op\":\"replace\",\"path\":\"urn:example:other:title\",\"value\":\"x\"}"));
        assertEquals(
                "invalidSyntax",
                assertThrows(
                                ScimException.class,
                                () -> PatchEngine.apply(
                                        USER,
                                        ScimJson.readObject(
                                                "{\"Operations\":[{\"op\":\"remove\",\"path\":\"title\"}]}")))
                        .scimType());
        assertEquals(
                "invalidSyntax",
                assertThrows(
                                ScimException.class,
                                () -> PatchEngine.apply(
                                        USER,
                                        ScimJson.readObject(
                                                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[]}")))
                        .scimType());
    }

    private static final ObjectNode GROUP = ScimJson.readObject(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g1","displayName":"G",
             "members":[{"value":"u1","display":"one","type":"User"},{"value":"u2","display":"two","type":"User"}]}""");

    private static ObjectNode patchGroup(String operations) {
        return PatchEngine.apply(
                GROUP,
                ScimJson.readObject("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                        + operations + "]}"));
    }

    @Test
    void membersAsBareIdsAreAddedOnceAndRemovedByValueList() {
        ObjectNode added = patchGroup(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[\"u3\",\"u1\",{\"value\":\"u3\",\"display\":\"x\"}]}");
        assertEquals(3, added.path("members").size(), added.toString());
        assertEquals("u3", added.path("members").path(2).path("value").asText());
        ObjectNode single = patchGroup("{\"op\":\"Add\",\"path\":\"members\",\"value\":\"u4\"}");
        assertEquals("u4", single.path("members").path(2).path("value").asText());
        ObjectNode removed =
                patchGroup("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[\"u1\",{\"value\":\"u2\"}]}");
        assertEquals(0, removed.path("members").size(), removed.toString());
    }

    @Test
    void aReadOnlyAttributeRepeatedWithItsValueIsNoChange() {
        ObjectNode renamed = patchGroup("{\"op\":\"replace\",\"value\":{\"id\":\"g1\",\"displayName\":\"H\"}}");
        assertEquals("H", renamed.path("displayName").asText());
        assertEquals("g1", renamed.path("id").asText());
        assertEquals(
                "mutability",
                assertThrows(ScimException.class, () -> patchGroup("{\"op\":\"replace\",\"value\":{\"id\":\"g2\"}}"))
                        .scimType());
    }
}
