package io.provisioning;

import static io.provisioning.testsupport.ScimTests.ENTERPRISE;
import static io.provisioning.testsupport.ScimTests.GROUP;
import static io.provisioning.testsupport.ScimTests.LIST;
import static io.provisioning.testsupport.ScimTests.SEARCH;
import static io.provisioning.testsupport.ScimTests.USER;
import static io.provisioning.testsupport.ScimTests.assertError;
import static io.provisioning.testsupport.ScimTests.patch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.ScimClient;
import io.provisioning.testsupport.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RFC 7644 (SCIM protocol), section by section, over HTTP against the running bundle; RFC 7643's discovery documents
 * in §4. Each test names the section it checks. The application is switched to not create records, since only the
 * protocol is under test here.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimRfc7644Test {

    private static final String TOKEN = "rfc-client-token-0123456789";

    private static final TestEnvironment ENV = TestEnvironment.create("scim-rfc7644")
            .with("provisioning.scim.tokens", "rfc:" + TOKEN)
            .with("provisioning.application.salesforce.features.create", "false")
            .asSystemProperties();

    private final String base = "http://127.0.0.1:" + ENV.httpPort() + "/scim/v2";
    private final ScimClient scim = new ScimClient(base, TOKEN);

    @Test
    void section3_1_mediaTypes() throws Exception {
        // servers MUST accept application/scim+json (every other test) and SHOULD accept application/json
        HttpResponse<String> plainJson = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/Users"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(user("media.type@rfc.example", "Media")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(201, plainJson.statusCode(), plainJson.body());
        assertTrue(plainJson.headers().firstValue("Content-Type").orElse("").startsWith("application/scim+json"));
    }

    @Test
    void section3_3_creatingResources() {
        ScimClient.Response created = scim.post(
                "/Users",
                "{\"schemas\":[\"" + USER + "\"],\"id\":\"client-chosen\","
                        + "\"meta\":{\"resourceType\":\"Nonsense\"},\"userName\":\"create@rfc.example\",\"externalId\":\"x-1\"}");
        assertEquals(201, created.status(), created.toString());
        JsonNode user = created.json();
        assertNotEquals(
                "client-chosen", user.path("id").asText(), "id is assigned by the service provider (RFC 7643 §3.1)");
        assertEquals(
                created.header("Location"), user.path("meta").path("location").asText(), "Location = meta.location");
        assertEquals("User", user.path("meta").path("resourceType").asText());
        assertFalse(user.path("meta").path("created").asText().isEmpty());
        assertFalse(user.path("meta").path("lastModified").asText().isEmpty());
        assertEquals(created.header("ETag"), user.path("meta").path("version").asText());
        assertEquals("x-1", user.path("externalId").asText());
        assertError(scim.post("/Users", user("CREATE@rfc.example", "Again")), 409, "uniqueness");
        assertError(
                scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"name\":{\"familyName\":\"NoUserName\"}}"),
                400,
                "invalidValue");

        ScimClient.Response group =
                scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"RFC Group\"}");
        assertEquals(201, group.status(), group.toString());
        assertEquals(
                group.header("Location"),
                group.json().path("meta").path("location").asText());
        assertError(
                scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"rfc group\"}"),
                409,
                "uniqueness");
    }

    @Test
    void section3_4_1_retrievingAKnownResource() {
        String id = create("retrieve@rfc.example", "Retrieve");
        ScimClient.Response got = scim.get("/Users/" + id);
        assertEquals(200, got.status());
        assertEquals(got.header("ETag"), got.json().path("meta").path("version").asText());
        JsonNode only = scim.get("/Users/" + id + "?attributes=userName").json();
        assertEquals(List.of("id", "meta", "schemas", "userName"), sortedNames(only));
        assertError(scim.get("/Users/no-such-id"), 404, null);
    }

    @Test
    void section3_4_2_queryingResources() {
        for (String name : List.of("ann", "bob", "cid")) {
            create(name + "@query.rfc.example", name.toUpperCase(java.util.Locale.ROOT));
        }
        JsonNode list = scim.get("/Users?filter=" + ScimClient.encode("userName ew \"@query.rfc.example\""))
                .json();
        assertEquals(LIST, list.path("schemas").path(0).asText());
        assertEquals(3, list.path("totalResults").asInt());
        assertEquals(1, list.path("startIndex").asInt());
        assertEquals(3, list.path("itemsPerPage").asInt());
        assertEquals(3, list.path("Resources").size());

        // §3.4.2.2 operators, with and/or/not, grouping and value paths
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("userName eq \"ann@query.rfc.example\"", 1);
        expected.put("userName ne \"ann@query.rfc.example\" and userName ew \"@query.rfc.example\"", 2);
        expected.put("userName co \"b@query\"", 1);
        expected.put("userName sw \"CI\"", 1);
        expected.put("name.familyName pr and userName ew \"@query.rfc.example\"", 3);
        expected.put("userName gt \"ann@query.rfc.example\" and userName ew \"@query.rfc.example\"", 2);
        expected.put("userName ge \"bob@query.rfc.example\" and userName le \"cid@query.rfc.example\"", 2);
        expected.put("userName lt \"bob@query.rfc.example\" and userName ew \"@query.rfc.example\"", 1);
        expected.put("(userName sw \"ann\" or userName sw \"bob\") and not (name.familyName eq \"BOB\")", 1);
        expected.put("emails[value ew \"@query.rfc.example\"]", 3);
        expected.put("meta.created gt \"2000-01-01T00:00:00Z\" and userName ew \"@query.rfc.example\"", 3);
        expected.forEach((filter, count) -> assertEquals(count.intValue(), total(filter), filter));
        assertError(scim.get("/Users?filter=" + ScimClient.encode("userName zz \"x\"")), 400, "invalidFilter");

        // §3.4.2.4 pagination: 1-based, startIndex below 1 is 1, a negative count is 0
        String filter = "&filter=" + ScimClient.encode("userName ew \"@query.rfc.example\"");
        JsonNode page = scim.get("/Users?startIndex=0&count=1" + filter).json();
        assertEquals(1, page.path("startIndex").asInt());
        assertEquals(
                "ann@query.rfc.example",
                page.path("Resources").path(0).path("userName").asText());
        JsonNode empty = scim.get("/Users?count=-5" + filter).json();
        assertEquals(3, empty.path("totalResults").asInt());
        assertEquals(0, empty.path("Resources").size());
        JsonNode beyond = scim.get("/Users?startIndex=10" + filter).json();
        assertEquals(3, beyond.path("totalResults").asInt());
        assertEquals(0, beyond.path("itemsPerPage").asInt());

        // §3.4.2.5 attributes and excludedAttributes
        JsonNode narrow = scim.get("/Users?attributes=userName" + filter)
                .json()
                .path("Resources")
                .path(0);
        assertEquals(List.of("id", "meta", "schemas", "userName"), sortedNames(narrow));
        JsonNode wide = scim.get("/Users?excludedAttributes=name,emails" + filter)
                .json()
                .path("Resources")
                .path(0);
        assertTrue(wide.path("name").isMissingNode());
        assertTrue(wide.path("emails").isMissingNode());
        assertFalse(wide.path("userName").isMissingNode());
    }

    @Test
    void section3_4_3_queryingWithPostSearch() {
        create("search@search.rfc.example", "Search");
        create("other@search.rfc.example", "Other");
        ScimClient.Response found = scim.post(
                "/Users/.search",
                "{\"schemas\":[\"" + SEARCH + "\"],\"filter\":\"userName ew \\\"@search.rfc.example\\\"\","
                        + "\"attributes\":[\"userName\"],\"startIndex\":1,\"count\":1}");
        assertEquals(200, found.status(), found.toString());
        assertEquals(LIST, found.json().path("schemas").path(0).asText());
        assertEquals(2, found.json().path("totalResults").asInt());
        assertEquals(1, found.json().path("itemsPerPage").asInt());
        assertTrue(found.json().path("Resources").path(0).path("name").isMissingNode());
        assertError(scim.post("/Users/.search", "{\"filter\":\"userName pr\"}"), 400, "invalidSyntax");
        assertError(
                scim.post("/Users/.search", "{\"schemas\":[\"" + SEARCH + "\"],\"filter\":\"userName\"}"),
                400,
                "invalidFilter");
        ScimClient.Response groups =
                scim.post("/Groups/.search", "{\"schemas\":[\"" + SEARCH + "\"],\"excludedAttributes\":[\"members\"]}");
        assertEquals(200, groups.status(), groups.toString());
    }

    @Test
    void section3_5_1_replacingWithPut() {
        String id = create("put@rfc.example", "Put");
        scim.patch("/Users/" + id, patch("{\"op\":\"add\",\"path\":\"title\",\"value\":\"Before\"}"));
        ScimClient.Response replaced = scim.put(
                "/Users/" + id,
                "{\"schemas\":[\"" + USER + "\"],\"id\":\"" + id + "\","
                        + "\"meta\":{\"created\":\"1999-01-01T00:00:00Z\"},\"userName\":\"put@rfc.example\",\"nickName\":\"After\"}");
        assertEquals(200, replaced.status(), replaced.toString());
        JsonNode user = replaced.json();
        assertEquals("After", user.path("nickName").asText());
        assertTrue(user.path("title").isMissingNode(), "replaced, not merged");
        assertNotEquals(
                "1999-01-01T00:00:00Z", user.path("meta").path("created").asText(), "readOnly meta is ignored");
        assertError(
                scim.put(
                        "/Users/" + id,
                        "{\"schemas\":[\"" + USER + "\"],\"id\":\"other\",\"userName\":\"put@rfc.example\"}"),
                400,
                "mutability");
    }

    @Test
    void section3_5_2_modifyingWithPatch() {
        String id = create("patch@rfc.example", "Patch");
        // §3.5.2.1 add: a new attribute, and a value added to a multi-valued one
        JsonNode added = scim.patch(
                        "/Users/" + id,
                        patch(
                                "{\"op\":\"add\",\"path\":\"title\",\"value\":\"T1\"},"
                                        + "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"home@rfc.example\",\"type\":\"home\"}]}"))
                .json();
        assertEquals("T1", added.path("title").asText());
        assertEquals(2, added.path("emails").size());
        // §3.5.2.3 replace
        JsonNode replaced = scim.patch(
                        "/Users/" + id,
                        patch("{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"].value\","
                                + "\"value\":\"home2@rfc.example\"}"))
                .json();
        assertEquals(
                "home2@rfc.example",
                replaced.path("emails").path(1).path("value").asText());
        // §3.5.2.2 remove: by value filter; without a path it is noTarget
        JsonNode removed = scim.patch(
                        "/Users/" + id, patch("{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}"))
                .json();
        assertEquals(1, removed.path("emails").size());
        assertError(scim.patch("/Users/" + id, patch("{\"op\":\"remove\"}")), 400, "noTarget");
        assertError(
                scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"emails[\",\"value\":\"x\"}")),
                400,
                "invalidPath");
        assertError(scim.patch("/Users/" + id, patch("{\"op\":\"copy\",\"path\":\"title\"}")), 400, "invalidSyntax");
        assertError(
                scim.patch("/Users/" + id, patch("{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g\"}]}")),
                400,
                "mutability");
        // §3.5.2: all or nothing
        String before =
                scim.get("/Users/" + id).json().path("meta").path("version").asText();
        assertError(
                scim.patch(
                        "/Users/" + id,
                        patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"T2\"},"
                                + "{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}")),
                400,
                "mutability");
        JsonNode after = scim.get("/Users/" + id).json();
        assertEquals("T1", after.path("title").asText());
        assertEquals(before, after.path("meta").path("version").asText());
    }

    @Test
    void section3_6_deletingResources() {
        String id = create("delete@rfc.example", "Delete");
        ScimClient.Response deleted = scim.delete("/Users/" + id);
        assertEquals(204, deleted.status());
        assertTrue(deleted.body().isEmpty());
        assertError(scim.get("/Users/" + id), 404, null);
        assertError(scim.delete("/Users/" + id), 404, null);
        assertEquals(0, total("userName eq \"delete@rfc.example\""));
        String group = scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Deleted\"}")
                .json()
                .path("id")
                .asText();
        assertEquals(204, scim.delete("/Groups/" + group).status());
        assertError(scim.get("/Groups/" + group), 404, null);
    }

    @Test
    void section3_7_bulkAndSection3_11_meAreNotImplemented() {
        assertError(
                scim.post(
                        "/Bulk",
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[]}"),
                501,
                null);
        assertError(scim.get("/Me"), 501, null);
        assertError(new ScimClient(base, null).post("/Bulk", "{}"), 401, null);
    }

    @Test
    void section3_12_errors() {
        ScimClient.Response unauthorized = new ScimClient(base, "wrong").get("/Users");
        assertError(unauthorized, 401, null);
        ScimClient.Response bad = scim.post("/Users", "{");
        assertError(bad, 400, "invalidSyntax");
        assertTrue(bad.json().path("detail").isTextual());
        assertTrue(bad.json().path("status").isTextual(), "status is a string");
    }

    @Test
    void section3_14_versioning() {
        String id = create("etag@rfc.example", "Etag");
        ScimClient.Response got = scim.get("/Users/" + id);
        String etag = got.header("ETag");
        assertTrue(etag.startsWith("W/\""), etag);
        ScimClient.Response unchanged = scim.send("GET", "/Users/" + id, null, "If-None-Match", etag);
        assertEquals(304, unchanged.status());
        assertTrue(unchanged.body().isEmpty());
        assertError(
                scim.send(
                        "PATCH",
                        "/Users/" + id,
                        patch("{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}"),
                        "If-Match",
                        "W/\"1-9\""),
                412,
                null);
        ScimClient.Response matched = scim.send(
                "PATCH",
                "/Users/" + id,
                patch("{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}"),
                "If-Match",
                etag);
        assertEquals(200, matched.status(), matched.toString());
        assertEquals(
                200,
                scim.send("GET", "/Users/" + id, null, "If-None-Match", etag).status(),
                "a new version is sent");
        String group = scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Versioned\"}")
                .json()
                .path("id")
                .asText();
        String groupTag = scim.get("/Groups/" + group).header("ETag");
        assertEquals(
                304,
                scim.send("GET", "/Groups/" + group, null, "If-None-Match", groupTag)
                        .status());
    }

    @Test
    void section4_discoveryIsTrueToWhatIsImplemented() {
        JsonNode spc = scim.get("/ServiceProviderConfig").json();
        assertTrue(spc.path("patch").path("supported").asBoolean());
        assertTrue(spc.path("filter").path("supported").asBoolean());
        assertTrue(spc.path("filter").path("maxResults").asInt() > 0);
        assertTrue(spc.path("etag").path("supported").asBoolean());
        assertFalse(spc.path("bulk").path("supported").asBoolean(), "no /Bulk: see section 3.7");
        assertFalse(spc.path("changePassword").path("supported").asBoolean());
        assertFalse(spc.path("sort").path("supported").asBoolean());
        assertEquals(
                "oauthbearertoken",
                spc.path("authenticationSchemes").path(0).path("type").asText());

        JsonNode types = scim.get("/ResourceTypes").json();
        assertEquals(2, types.path("totalResults").asInt());
        JsonNode userType = scim.get("/ResourceTypes/User").json();
        assertEquals("/Users", userType.path("endpoint").asText());
        assertEquals(USER, userType.path("schema").asText());
        assertEquals(
                ENTERPRISE,
                userType.path("schemaExtensions").path(0).path("schema").asText());
        assertFalse(userType.path("schemaExtensions").path(0).path("required").asBoolean(true));

        JsonNode schemas = scim.get("/Schemas").json();
        assertEquals(3, schemas.path("totalResults").asInt());
        List<String> missing = new ArrayList<>();
        for (JsonNode schema : schemas.path("Resources")) {
            checkAttributes(schema.path("id").asText(), schema.path("attributes"), missing);
        }
        assertEquals(List.of(), missing, "every attribute and sub-attribute states its characteristics");
        JsonNode user = scim.get("/Schemas/" + USER).json();
        JsonNode userName = attribute(user, "userName");
        assertTrue(userName.path("required").asBoolean());
        assertEquals("server", userName.path("uniqueness").asText());
        assertEquals("never", attribute(user, "password").path("returned").asText());
        assertEquals("writeOnly", attribute(user, "password").path("mutability").asText());
        JsonNode groups = attribute(user, "groups");
        assertEquals("readOnly", groups.path("mutability").asText());
        groups.path("subAttributes")
                .forEach(s -> assertEquals("readOnly", s.path("mutability").asText(), s.toString()));
        assertEquals(
                "server",
                attribute(scim.get("/Schemas/" + GROUP).json(), "displayName")
                        .path("uniqueness")
                        .asText());
    }

    // ---- helpers ----

    private static void checkAttributes(String where, JsonNode attributes, List<String> missing) {
        for (JsonNode attribute : attributes) {
            for (String characteristic : List.of(
                    "name", "type", "multiValued", "required", "caseExact", "mutability", "returned", "uniqueness")) {
                if (attribute.path(characteristic).isMissingNode()) {
                    missing.add(where + ":" + attribute.path("name").asText() + " " + characteristic);
                }
            }
            if (attribute.has("subAttributes")) {
                checkAttributes(
                        where + ":" + attribute.path("name").asText(), attribute.path("subAttributes"), missing);
            }
        }
    }

    private static JsonNode attribute(JsonNode schema, String name) {
        for (JsonNode attribute : schema.path("attributes")) {
            if (attribute.path("name").asText().equals(name)) {
                return attribute;
            }
        }
        throw new AssertionError(
                "no attribute " + name + " in " + schema.path("id").asText());
    }

    private String create(String userName, String familyName) {
        ScimClient.Response created = scim.post("/Users", user(userName, familyName));
        assertEquals(201, created.status(), created.toString());
        assertNotNull(created.header("Location"));
        return created.json().path("id").asText();
    }

    private static String user(String userName, String familyName) {
        return ApiClient.json(Map.of(
                "schemas",
                List.of(USER),
                "userName",
                userName,
                "name",
                Map.of("familyName", familyName),
                "emails",
                List.of(Map.of("value", userName, "type", "work", "primary", true))));
    }

    private long total(String filter) {
        ScimClient.Response response = scim.get("/Users?count=0&filter=" + ScimClient.encode(filter));
        assertEquals(200, response.status(), filter + " → " + response);
        return response.json().path("totalResults").asLong();
    }

    private static List<String> sortedNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
