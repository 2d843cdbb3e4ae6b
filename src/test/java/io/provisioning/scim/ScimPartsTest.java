package io.provisioning.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioning.directory.User;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small parts: user mapping, paging, projections, the token guard. */
class ScimPartsTest {

    private final ScimUserMapper mapper = new ScimUserMapper("Default Co");

    @Test
    void mapsScimAttributesOntoTheDirectory() {
        ScimUserMapper.Incoming incoming = mapper.fromScim(
                ScimJson.readObject(
                        """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "id":"ignored","meta":{"version":"x"},"password":"secret","userName":"ada@example.com","externalId":"e1",
                 "name":{"givenName":"Ada","familyName":"Lovelace"},"title":"Countess","active":"False",
                 "emails":[{"type":"home","value":"home@example.com"},{"type":"work","value":"work@example.com"}],
                 "phoneNumbers":[{"type":"mobile","value":"+1","primary":true}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"organization":"Engines","manager":{"value":"m1"}}}"""));
        assertEquals(
                Map.of(
                        "userName",
                        "ada@example.com",
                        "email",
                        "work@example.com",
                        "firstName",
                        "Ada",
                        "lastName",
                        "Lovelace",
                        "company",
                        "Engines"),
                incoming.profile());
        assertEquals(Boolean.FALSE, incoming.active());
        assertEquals("Countess", incoming.custom().get("title"));
        assertEquals("+1", incoming.custom().get("phoneNumber"));
        assertEquals("m1", incoming.custom().get("manager"));
        assertNull(incoming.custom().get("department"));
        assertTrue(incoming.stored().path("id").isMissingNode());
        assertTrue(incoming.stored().path("password").isMissingNode());
        assertTrue(incoming.stored().path("meta").isMissingNode());
        assertEquals(false, incoming.stored().path("active").asBoolean(true));
        assertEquals(
                "Default Co",
                mapper.fromScim(ScimJson.readObject(
                                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\"}"))
                        .profile()
                        .get("company"));
    }

    @Test
    void acceptsEntrasPlainManagerId() {
        ScimUserMapper.Incoming incoming = mapper.fromScim(
                ScimJson.readObject(
                        """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName":"x","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":"m-42"}}"""));
        assertEquals("m-42", incoming.custom().get("manager"));
        assertEquals(
                "m-42",
                incoming.stored()
                        .path(ScimSchemas.ENTERPRISE_USER)
                        .path("manager")
                        .path("value")
                        .asText());
    }

    @Test
    void rejectsBadUserShapes() {
        for (String bad : List.of(
                "{\"userName\":\"x\"}",
                "{\"schemas\":[\"urn:example:x\"],\"userName\":\"x\"}",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"userName\":\"x\"}",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":7}",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\",\"emails\":\"a@b.c\"}",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\",\"name\":\"Ada\"}",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{}}")) {
            ScimException e = assertThrows(ScimException.class, () -> mapper.fromScim(ScimJson.readObject(bad)), bad);
            assertEquals(400, e.status(), bad);
        }
        assertEquals(
                "invalidSyntax",
                assertThrows(ScimException.class, () -> ScimJson.readObject("[1]"))
                        .scimType());
        assertEquals(
                "invalidSyntax",
                assertThrows(ScimException.class, () -> ScimJson.readObject("{\"a\":1,\"a\":2}"))
                        .scimType());
    }

    @Test
    void rendersTheDirectoryValuesOverTheStoredResource() {
        OffsetDateTime time = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        User user = new User(
                "u1",
                "ada@example.com",
                "new@example.com",
                "Ada",
                "King",
                "Engines",
                Map.of(),
                false,
                "deprovisioned",
                time,
                time);
        ObjectNode stored = ScimJson.readObject(
                "{\"userName\":\"old\",\"title\":\"Countess\",\"active\":true,"
                        + "\"emails\":[{\"type\":\"work\",\"value\":\"old@example.com\"}],\"name\":{\"familyName\":\"Lovelace\"}}");
        ObjectNode resource = mapper.toScim(new ScimUserRow(user, 3, stored, 2, time.plusDays(1)), "https://h/scim/v2");
        assertEquals("ada@example.com", resource.path("userName").asText());
        assertEquals("King", resource.path("name").path("familyName").asText());
        assertEquals(
                "new@example.com", resource.path("emails").path(0).path("value").asText());
        assertEquals(false, resource.path("active").asBoolean(true));
        assertEquals("Countess", resource.path("title").asText());
        assertEquals("W/\"3-2\"", resource.path("meta").path("version").asText());
        assertEquals(
                "2026-01-02T00:00Z", resource.path("meta").path("lastModified").asText());
        assertEquals(
                "https://h/scim/v2/Users/u1",
                resource.path("meta").path("location").asText());
        assertTrue(resource.path(ScimSchemas.ENTERPRISE_USER).isMissingNode(), "organization only when it was sent");
    }

    @Test
    void pagingClampsAndDefaults() {
        assertEquals(new Paging(1, 100), Paging.of(null, null, 100, 200));
        assertEquals(new Paging(1, 200), Paging.of("0", "100000", 100, 200));
        assertEquals(new Paging(1, 0), Paging.of("-5", "-1", 100, 200));
        assertEquals(new Paging(11, 10), Paging.of("11", "10", 100, 200));
        assertEquals(new Paging(1, 200), Paging.of("1", "99999999999999", 100, 200));
        assertEquals(
                "invalidValue",
                assertThrows(ScimException.class, () -> Paging.of("one", null, 100, 200))
                        .scimType());
    }

    @Test
    void projectionKeepsIdSchemasAndMeta() {
        ObjectNode user = ScimJson.readObject(
                "{\"schemas\":[\"s\"],\"id\":\"1\",\"meta\":{},\"userName\":\"a\","
                        + "\"name\":{\"givenName\":\"A\",\"familyName\":\"B\"},\"title\":\"T\","
                        + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"department\":\"D\",\"division\":\"V\"}}");
        ObjectNode only = Projection.of(
                        "userName,name.givenName,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                        null)
                .apply(user);
        assertEquals(
                List.of("schemas", "id", "meta", "userName", "name", ScimSchemas.ENTERPRISE_USER), fieldNames(only));
        assertEquals(1, only.path("name").size());
        assertEquals(1, only.path(ScimSchemas.ENTERPRISE_USER).size());
        ObjectNode without = Projection.of(null, "title,name.familyName,id").apply(user);
        assertTrue(without.path("title").isMissingNode());
        assertEquals("A", without.path("name").path("givenName").asText());
        assertTrue(without.path("name").path("familyName").isMissingNode());
        assertEquals("1", without.path("id").asText());
        assertTrue(Projection.of(null, "members").excludes("members"));
        assertTrue(Projection.of("displayName", null).excludes("members"));
    }

    @Test
    void tokenGuardAcceptsEachProviderTokenAndNamesItsProvider() {
        ScimTokenGuard guard =
                new ScimTokenGuard(List.of("okta:okta-token", "entra:entra:token", "bare-token"), List.of("entra"));
        assertEquals(new ScimProvider("okta", false), guard.authenticate("Bearer okta-token"));
        assertEquals(
                new ScimProvider("entra", true), guard.authenticate("bearer entra:token"), "only the first ':' names");
        ScimProvider bare = guard.authenticate("Bearer bare-token");
        assertTrue(bare.name().matches("token-[0-9a-f]{12}"), bare.name());
        assertFalse(bare.name().contains("bare"), "the owner name of a bare token does not reveal it");
        assertEquals(
                bare,
                new ScimTokenGuard(List.of("bare-token")).authenticate("Bearer bare-token"),
                "stable across restarts");
        assertEquals(
                401,
                assertThrows(ScimException.class, () -> guard.authenticate("Bearer okta"))
                        .status(),
                "the name is not the token");
        assertEquals(
                401,
                assertThrows(ScimException.class, () -> guard.authenticate("Bearer okta-token-x"))
                        .status());
        assertEquals(
                401,
                assertThrows(ScimException.class, () -> guard.authenticate(null))
                        .status());
        assertEquals(
                401,
                assertThrows(ScimException.class, () -> guard.authenticate("Basic b2t0YQ=="))
                        .status());
        assertThrows(IllegalArgumentException.class, () -> new ScimTokenGuard(List.of("okta:a", "okta:b")));
        ScimException disabled =
                assertThrows(ScimException.class, () -> new ScimTokenGuard(List.of()).authenticate("Bearer x"));
        assertEquals(404, disabled.status());
        assertTrue(disabled.getMessage().contains("provisioning.scim.tokens"));
    }

    @Test
    void baseUrlIsConfiguredOrTheLocalAddressNeverTheHostHeader() {
        org.apache.camel.Exchange exchange =
                new org.apache.camel.support.DefaultExchange(new org.apache.camel.impl.DefaultCamelContext());
        exchange.getMessage().setHeader("Host", "evil.example");
        exchange.getMessage().setHeader(org.apache.camel.Exchange.HTTP_URL, "http://evil.example/scim/v2/Users");
        exchange.getMessage()
                .setHeader(
                        org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants.LOCAL_ADDRESS,
                        io.vertx.core.net.SocketAddress.inetSocketAddress(8443, "10.1.2.3"));
        assertEquals("http://10.1.2.3:8443/scim/v2", new ScimHttp("").baseUrl(exchange));
        assertEquals(
                "https://idm.example.com/scim/v2", new ScimHttp("https://idm.example.com/scim/v2/").baseUrl(exchange));
        exchange.getMessage()
                .setHeader(
                        org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants.LOCAL_ADDRESS,
                        io.vertx.core.net.SocketAddress.inetSocketAddress(8080, "0:0:0:0:0:0:0:1"));
        assertEquals("http://[0:0:0:0:0:0:0:1]:8080/scim/v2", new ScimHttp(null).baseUrl(exchange));
        exchange.getMessage()
                .removeHeader(org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants.LOCAL_ADDRESS);
        assertEquals("http://127.0.0.1/scim/v2", new ScimHttp(null).baseUrl(exchange));
    }

    @Test
    void storedAttributeNamesTakeTheSchemasSpelling() {
        ObjectNode user = ScimJson.readObject(
                """
                {"USERNAME":"a","Name":{"FAMILYNAME":"B"},"emails":[{"VALUE":"a@example.com","Primary":true}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user":{"Department":"D"},"custom":"kept"}""");
        ScimSchemas.canonicalize(user, ScimSchemas.USER);
        assertEquals("a", user.path("userName").asText());
        assertEquals("B", user.path("name").path("familyName").asText());
        assertEquals("a@example.com", user.path("emails").path(0).path("value").asText());
        assertTrue(user.path("emails").path(0).path("primary").asBoolean());
        assertEquals(
                "D", user.path(ScimSchemas.ENTERPRISE_USER).path("department").asText());
        assertEquals("kept", user.path("custom").asText());
        assertFalse(user.has("USERNAME"));
    }

    @Test
    void endpointNamesInAnyCaseHaveOneCanonicalPath() {
        assertEquals("/scim/v2/Users", ScimPathCase.canonical("/scim/v2/users"));
        assertEquals("/scim/v2/Users/abc-DEF/", ScimPathCase.canonical("/SCIM/V2/USERS/abc-DEF/"));
        assertEquals("/scim/v2/ServiceProviderConfig", ScimPathCase.canonical("/scim/v2/serviceproviderconfig"));
        assertNull(ScimPathCase.canonical("/scim/v2/Users/abc"), "already canonical");
        assertNull(ScimPathCase.canonical("/scim/v2/Other"));
        assertNull(ScimPathCase.canonical("/api/users"));
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
