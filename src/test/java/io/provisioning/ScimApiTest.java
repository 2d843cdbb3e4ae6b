package io.provisioning;

import static io.provisioning.testsupport.ScimTests.ENTERPRISE;
import static io.provisioning.testsupport.ScimTests.ERROR;
import static io.provisioning.testsupport.ScimTests.USER;
import static io.provisioning.testsupport.ScimTests.assertError;
import static io.provisioning.testsupport.ScimTests.patch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.ScimClient;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SCIM 2.0 server over HTTP, with requests in the shapes Okta and Entra ID send, ending in the emulated
 * Salesforce org (application {@code salesforce}, Lead).
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimApiTest {

    static final String OKTA_TOKEN = "okta-scim-token-0123456789";
    static final String ENTRA_TOKEN = "entra-scim-token-9876543210";

    private static final TestEnvironment ENV = TestEnvironment.create("scim-api")
            .with("provisioning.scim.tokens", "okta:" + OKTA_TOKEN + ", entra:" + ENTRA_TOKEN)
            .with("provisioning.scim.default-company", "Default Co")
            .with("provisioning.scim.max-page-size", "200")
            // free ports for the embedded mail server, so the class runs beside other builds on the machine
            .with("provisioning.mail.embedded.smtp-port", String.valueOf(TestEnvironment.freePort()))
            .with("provisioning.mail.embedded.imap-port", String.valueOf(TestEnvironment.freePort()))
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final ScimClient okta = new ScimClient("http://127.0.0.1:" + ENV.httpPort() + "/scim/v2", OKTA_TOKEN);
    private final ScimClient entra = new ScimClient("http://127.0.0.1:" + ENV.httpPort() + "/scim/v2", ENTRA_TOKEN);
    private final ApiClient api = ENV.api();

    // ---- Okta: POST to create, GET by filter, PUT for profile updates, PATCH for active ----

    @Test
    void oktaJoinerMoverLeaverEndsInSalesforce() {
        ScimClient.Response lookup = okta.get("/Users?filter="
                + ScimClient.encode("userName eq \"okta.joiner@example.com\"") + "&startIndex=1&count=100");
        assertEquals(200, lookup.status(), lookup.toString());
        assertEquals(0, lookup.json().path("totalResults").asInt());

        ScimClient.Response created = okta.post(
                "/Users",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"okta.joiner@example.com",
                 "name":{"givenName":"Olive","familyName":"Joiner"},
                 "emails":[{"primary":true,"value":"okta.joiner@example.com","type":"work"}],
                 "displayName":"Olive Joiner","locale":"en-US","externalId":"00u1okta","groups":[],
                 "password":"1mp0ssible!","active":true}""");
        assertEquals(201, created.status(), created.toString());
        assertTrue(created.header("Content-Type").startsWith("application/scim+json"), created.header("Content-Type"));
        JsonNode user = created.json();
        String id = user.path("id").asText();
        assertEquals(
                created.header("Location"), user.path("meta").path("location").asText());
        assertEquals(created.header("ETag"), user.path("meta").path("version").asText());
        assertEquals("Olive Joiner", user.path("displayName").asText());
        assertEquals("00u1okta", user.path("externalId").asText());
        assertEquals("en-US", user.path("locale").asText());
        assertTrue(user.path("password").isMissingNode(), "the password is never stored or returned");
        assertTrue(
                user.path(ENTERPRISE).isMissingNode(), "the configured default company is not echoed as organization");
        assertTrue(user.path("meta")
                .path("location")
                .asText()
                .startsWith("http://127.0.0.1:" + ENV.httpPort() + "/scim/v2/Users/"));

        String leadId = awaitLink(id, "provisioned").path("recordId").asText();
        JsonNode lead = org().record("Lead", leadId);
        assertEquals("Joiner", lead.path("LastName").asText());
        assertEquals("Default Co", lead.path("Company").asText());
        assertEquals(
                "scim:POST /scim/v2/Users",
                reportRow("okta.joiner@example.com", "create").get("source"));

        JsonNode found = okta.get("/Users?filter=" + ScimClient.encode("userName eq \"OKTA.JOINER@example.com\""))
                .json();
        assertEquals(1, found.path("totalResults").asInt(), "userName matches case-insensitively");
        assertEquals(id, found.path("Resources").path(0).path("id").asText());

        // mover: Okta sends the whole user with PUT
        ScimClient.Response moved = okta.put(
                "/Users/" + id,
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"okta.joiner@example.com",
                 "name":{"givenName":"Olive","familyName":"Mover"},
                 "emails":[{"primary":true,"value":"okta.joiner@example.com","type":"work"}],
                 "displayName":"Olive Mover","externalId":"00u1okta","active":true}"""
                        .formatted(id));
        assertEquals(200, moved.status(), moved.toString());
        assertEquals("Mover", moved.json().path("name").path("familyName").asText());
        assertTrue(moved.json().path("locale").isMissingNode(), "PUT replaces: locale is gone");
        Await.until(
                () -> org().record("Lead", leadId),
                l -> "Mover".equals(l.path("LastName").asText()),
                Duration.ofSeconds(30));
        assertEquals(
                "scim:PUT /scim/v2/Users/" + id,
                reportRow("okta.joiner@example.com", "update").get("source"));

        // leaver: Okta deactivates with PATCH active=false
        ScimClient.Response deactivated = okta.patch(
                "/Users/" + id,
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":false}}]}""");
        assertEquals(200, deactivated.status(), deactivated.toString());
        assertFalse(deactivated.json().path("active").asBoolean());
        assertEquals("deleted", awaitLink(id, "deleted").path("state").asText());
        assertEquals(404, org().recordStatus("Lead", leadId));
        assertEquals(
                "scim:PATCH /scim/v2/Users/" + id,
                reportRow("okta.joiner@example.com", "delete").get("source"));
        assertEquals(200, okta.get("/Users/" + id).status(), "a deactivated user is still a SCIM resource");
    }

    // ---- Entra ID: PATCH with capitalised ops, string booleans, value-filtered paths, enterprise extension; DELETE
    // ----

    @Test
    void entraJoinerMoverLeaverEndsInSalesforce() {
        ScimClient.Response created = entra.post(
                "/Users",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"e-1001","userName":"entra.joiner@contoso.com","active":true,"displayName":"Erin Joiner",
                 "title":"Engineer","preferredLanguage":"en-GB",
                 "emails":[{"primary":true,"type":"work","value":"entra.joiner@contoso.com"}],
                 "phoneNumbers":[{"type":"work","value":"+44 20 7946 0000"}],
                 "name":{"formatted":"Erin Joiner","familyName":"Joiner","givenName":"Erin"},
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"1001","department":"R&D",
                   "organization":"Contoso","manager":{"value":"m-1"}}}""");
        assertEquals(201, created.status(), created.toString());
        String id = created.json().path("id").asText();
        String leadId = awaitLink(id, "provisioned").path("recordId").asText();
        assertEquals("Contoso", org().record("Lead", leadId).path("Company").asText());

        JsonNode byExternalId = entra.get("/Users?filter=" + ScimClient.encode("externalId eq \"e-1001\""))
                .json();
        assertEquals(id, byExternalId.path("Resources").path(0).path("id").asText(), byExternalId.toString());
        JsonNode stored = api.get("/api/users/" + id).json().path("customAttributes");
        assertEquals("Engineer", stored.path("title").asText());
        assertEquals("R&D", stored.path("department").asText());
        assertEquals("+44 20 7946 0000", stored.path("phoneNumber").asText());

        ScimClient.Response moved = entra.patch(
                "/Users/" + id,
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"name.familyName","value":"Mover"},
                 {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"entra.mover@contoso.com"},
                 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"},
                 {"op":"Replace","path":"title","value":"Manager"},
                 {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"m-2"},
                 {"op":"Remove","path":"phoneNumbers[type eq \\"work\\"]"}]}""");
        assertEquals(200, moved.status(), moved.toString());
        JsonNode user = moved.json();
        assertEquals("Mover", user.path("name").path("familyName").asText());
        assertEquals(
                "entra.mover@contoso.com",
                user.path("emails").path(0).path("value").asText());
        assertEquals("Sales", user.path(ENTERPRISE).path("department").asText());
        assertEquals("1001", user.path(ENTERPRISE).path("employeeNumber").asText());
        assertEquals("m-2", user.path(ENTERPRISE).path("manager").path("value").asText());
        assertEquals(0, user.path("phoneNumbers").size());
        assertEquals("en-GB", user.path("preferredLanguage").asText(), "what PATCH does not touch stays");
        Await.until(
                () -> org().record("Lead", leadId),
                l -> "Mover".equals(l.path("LastName").asText())
                        && "entra.mover@contoso.com".equals(l.path("Email").asText()),
                Duration.ofSeconds(30));
        assertTrue(api.get("/api/users/" + id)
                .json()
                .path("customAttributes")
                .path("phoneNumber")
                .isMissingNode());

        // Entra disables with a string boolean before it deletes
        ScimClient.Response disabled = entra.patch(
                "/Users/" + id,
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
        assertEquals(200, disabled.status(), disabled.toString());
        assertFalse(disabled.json().path("active").asBoolean());
        awaitLink(id, "deleted");
        assertEquals(404, org().recordStatus("Lead", leadId));

        ScimClient.Response deleted = entra.delete("/Users/" + id);
        assertEquals(204, deleted.status(), deleted.toString());
        ScimClient.Response gone = entra.get("/Users/" + id);
        assertEquals(404, gone.status());
        assertEquals(ERROR, gone.json().path("schemas").path(0).asText());
        assertEquals("404", gone.json().path("status").asText());
        assertEquals(
                0,
                entra.get("/Users?filter=" + ScimClient.encode("externalId eq \"e-1001\""))
                        .json()
                        .path("totalResults")
                        .asInt());
        assertEquals(404, entra.delete("/Users/" + id).status());
        JsonNode directoryUser = api.get("/api/users/" + id).json();
        assertFalse(directoryUser.path("active").asBoolean(), "the directory keeps the user, inactive");
    }

    @Test
    void deleteOfAnActiveUserDeprovisionsIt() {
        String id = createUser("leaver.direct@example.com", "Lee", "Direct");
        String leadId = awaitLink(id, "provisioned").path("recordId").asText();
        assertEquals(204, okta.delete("/Users/" + id).status());
        awaitLink(id, "deleted");
        assertEquals(404, org().recordStatus("Lead", leadId));
        assertEquals(
                "scim:DELETE /scim/v2/Users/" + id,
                reportRow("leaver.direct@example.com", "delete").get("source"));
        assertEquals(404, okta.get("/Users/" + id).status());

        // re-hire: the provider creates the same userName again; the directory user comes back and is reprovisioned
        ScimClient.Response rehired = okta.post("/Users", userJson("Leaver.Direct@example.com", "Lee", "Back"));
        assertEquals(201, rehired.status(), rehired.toString());
        assertEquals(id, rehired.json().path("id").asText());
        assertTrue(rehired.json().path("active").asBoolean());
        String newLeadId = awaitLink(id, "provisioned").path("recordId").asText();
        assertFalse(newLeadId.equals(leadId), "a deleted Lead comes back as a new record");
        assertEquals("Back", org().record("Lead", newLeadId).path("LastName").asText());
        assertEquals(200, okta.get("/Users/" + id).status());
    }

    // ---- filters, paging, projections ----

    @Test
    void filtersPagingAndAttributes() {
        for (int i = 1; i <= 5; i++) {
            createUser("page" + i + "@filter.example", "Given" + i, i % 2 == 0 ? "Even" : "Odd");
        }
        assertEquals(5, total("userName ew \"@filter.example\""));
        assertEquals(2, total("userName ew \"@filter.example\" and name.familyName eq \"even\""));
        assertEquals(3, total("userName sw \"page\" and not (name.familyName eq \"Even\")"));
        assertEquals(
                2, total("(name.givenName eq \"Given1\" or name.givenName eq \"Given2\") and userName co \"filter\""));
        assertEquals(5, total("emails pr and emails.value co \"@FILTER.example\""));
        assertEquals(4, total("userName ew \"@filter.example\" and userName ne \"page3@filter.example\""));
        assertEquals(3, total("userName ew \"@filter.example\" and userName ge \"page3@filter.example\""));
        assertEquals(2, total("userName ew \"@filter.example\" and userName lt \"page3@filter.example\""));
        assertEquals(5, total("meta.created gt \"2000-01-01T00:00:00Z\" and userName ew \"@filter.example\""));
        assertEquals(5, total("active eq true and userName ew \"@filter.example\""));
        assertEquals(0, total("userName eq \"50%_off@filter.example\""), "LIKE wildcards in values are literal");

        String filter = "&filter=" + ScimClient.encode("userName ew \"@filter.example\"");
        JsonNode page = okta.get("/Users?startIndex=2&count=2" + filter).json();
        assertEquals(5, page.path("totalResults").asInt());
        assertEquals(2, page.path("itemsPerPage").asInt());
        assertEquals(2, page.path("startIndex").asInt());
        assertEquals(
                "page2@filter.example",
                page.path("Resources").path(0).path("userName").asText());

        JsonNode none = okta.get("/Users?count=0" + filter).json();
        assertEquals(5, none.path("totalResults").asInt());
        assertEquals(0, none.path("Resources").size());
        ScimClient.Response huge = okta.get("/Users?count=100000" + filter);
        assertEquals(200, huge.status(), huge.toString());
        assertEquals(5, huge.json().path("itemsPerPage").asInt());
        assertTrue(
                okta.get("/Users?count=100000").json().path("itemsPerPage").asInt() <= 200,
                "count is clamped to the maximum");

        JsonNode narrow = okta.get("/Users?attributes=userName,name.familyName" + filter)
                .json()
                .path("Resources")
                .path(0);
        assertEquals("page1@filter.example", narrow.path("userName").asText());
        assertEquals("Odd", narrow.path("name").path("familyName").asText());
        assertTrue(narrow.path("name").path("givenName").isMissingNode());
        assertTrue(narrow.path("emails").isMissingNode());
        assertFalse(narrow.path("id").isMissingNode(), "id is always returned");
        JsonNode without = okta.get("/Users?excludedAttributes=emails,name" + filter)
                .json()
                .path("Resources")
                .path(0);
        assertTrue(without.path("emails").isMissingNode());
        assertTrue(without.path("name").isMissingNode());
        assertEquals("page1@filter.example", without.path("userName").asText());
    }

    // ---- bad input: SCIM errors, nothing half-applied ----

    @Test
    void badInputIsAnsweredPerTheRfcAndNothingIsWritten() {
        long users = count("SELECT COUNT(*) AS n FROM directory_user");
        assertError(okta.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":"), 400, "invalidSyntax");
        assertError(
                okta.post("/Users", "{\"schemas\":[\"urn:example:unknown\"],\"userName\":\"u@example.com\"}"),
                400,
                "invalidValue");
        assertError(okta.post("/Users", "{\"userName\":\"u@example.com\"}"), 400, "invalidSyntax");
        assertError(
                okta.post(
                        "/Users",
                        "{\"schemas\":[\"" + USER + "\"],\"userName\":\"u@example.com\","
                                + "\"emails\":[{\"value\":\"not-an-address\",\"primary\":true}],\"name\":{\"familyName\":\"U\"}}"),
                400,
                "invalidValue");
        assertError(
                okta.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"emails\":[{\"value\":\"u@example.com\"}]}"),
                400,
                "invalidValue");
        assertEquals(users, count("SELECT COUNT(*) AS n FROM directory_user"));

        String id = createUser("bad.input@example.com", "Bad", "Input");
        assertError(okta.post("/Users", userJson("BAD.INPUT@example.com", "Other", "Person")), 409, "uniqueness");
        assertEquals(users + 1, count("SELECT COUNT(*) AS n FROM directory_user"));
        String etag = okta.get("/Users/" + id).header("ETag");
        assertNotNull(etag);

        assertError(
                okta.put(
                        "/Users/" + id,
                        userJson("bad.input@example.com", "Bad", "Input").replace("{", "{\"id\":\"other-id\",")),
                400,
                "mutability");
        assertError(
                okta.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}")),
                400,
                "mutability");
        assertError(
                okta.patch(
                        "/Users/" + id,
                        patch("{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"2000-01-01T00:00:00Z\"}")),
                400,
                "mutability");
        assertError(okta.patch("/Users/" + id, patch("{\"op\":\"remove\"}")), 400, "noTarget");
        assertError(
                okta.patch(
                        "/Users/" + id,
                        patch(
                                "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"].value\",\"value\":\"h@example.com\"}")),
                400,
                "noTarget");
        // the first operation is valid, the second is not: nothing is applied
        assertError(
                okta.patch(
                        "/Users/" + id,
                        patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Half\"},"
                                + "{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}")),
                400,
                "noTarget");
        assertError(
                okta.patch("/Users/" + id, patch("{\"op\":\"move\",\"path\":\"title\",\"value\":\"x\"}")),
                400,
                "invalidSyntax");
        assertError(
                okta.patch(
                        "/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]}"),
                400,
                "invalidSyntax");
        assertError(
                okta.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}")),
                400,
                "invalidValue");
        assertError(
                okta.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"name\",\"value\":\"flat\"}")),
                400,
                "invalidValue");

        ScimClient.Response stale = okta.send(
                "PATCH",
                "/Users/" + id,
                patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Stale\"}"),
                "If-Match",
                "W/\"999-999\"");
        assertError(stale, 412, null);
        assertEquals(
                412,
                okta.send("DELETE", "/Users/" + id, null, "If-Match", "W/\"0-0\"")
                        .status());
        JsonNode unchanged = okta.get("/Users/" + id).json();
        assertTrue(unchanged.path("title").isMissingNode(), unchanged.toString());
        assertTrue(unchanged.path("active").asBoolean());
        assertEquals(etag, unchanged.path("meta").path("version").asText(), "nothing was half-applied");

        ScimClient.Response matching = okta.send(
                "PATCH",
                "/Users/" + id,
                patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Current\"}"),
                "If-Match",
                etag);
        assertEquals(200, matching.status(), matching.toString());
        assertFalse(etag.equals(matching.header("ETag")), "the version changes with every write");

        for (String bad : List.of(
                "userName eq",
                "userName xx \"a\"",
                "(userName eq \"a\"",
                "userName eq \"a\" and",
                "title eq \"x\"",
                "userName eq unquoted",
                "active eq \"yes\"",
                "meta.created gt \"yesterday\"")) {
            assertError(okta.get("/Users?filter=" + ScimClient.encode(bad)), 400, "invalidFilter");
        }
        assertError(okta.get("/Users/00000000-0000-0000-0000-000000000000"), 404, null);
        assertError(
                okta.put("/Users/00000000-0000-0000-0000-000000000000", userJson("x@example.com", "X", "Y")),
                404,
                null);
        assertError(okta.get("/Groups/00000000-0000-0000-0000-000000000000"), 404, null);
    }

    @Test
    void requiresAProviderTokenNotTheApiToken() {
        String base = "http://127.0.0.1:" + ENV.httpPort() + "/scim/v2";
        ScimClient.Response none = new ScimClient(base, null).get("/Users");
        assertError(none, 401, null);
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"));
        assertError(new ScimClient(base, TestEnvironment.API_TOKEN).get("/Users"), 401, null);
        assertError(new ScimClient(base, "wrong").post("/Users", userJson("x@example.com", "X", "Y")), 401, null);
        assertEquals(401, api.getWithoutToken("/api/users/x").status());
        assertEquals(
                401,
                new ApiClient("http://127.0.0.1:" + ENV.httpPort(), OKTA_TOKEN)
                        .get("/api/users/x")
                        .status(),
                "the SCIM token does not open the admin API");
    }

    // ---- groups ----

    @Test
    void groupsWithMembersAsEntraManagesThem() {
        String a = createUser(entra, "member.a@example.com", "Member", "A");
        String b = createUser(entra, "member.b@example.com", "Member", "B");
        ScimClient.Response created = entra.post(
                "/Groups",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"g-1","displayName":"Sales Team",
                 "members":[{"value":"%s"}]}"""
                        .formatted(a));
        assertEquals(201, created.status(), created.toString());
        String id = created.json().path("id").asText();
        assertEquals(
                "member.a@example.com",
                created.json().path("members").path(0).path("display").asText());
        assertError(
                entra.post(
                        "/Groups",
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"sales team\"}"),
                409,
                "uniqueness");
        assertError(
                entra.post(
                        "/Groups",
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"X\","
                                + "\"members\":[{\"value\":\"no-such-user\"}]}"),
                400,
                "invalidValue");

        JsonNode found = entra.get("/Groups?excludedAttributes=members&filter="
                        + ScimClient.encode("displayName eq \"SALES TEAM\""))
                .json();
        assertEquals(1, found.path("totalResults").asInt());
        assertTrue(found.path("Resources").path(0).path("members").isMissingNode());
        assertEquals(
                1,
                entra.get("/Groups?filter=" + ScimClient.encode("members[value eq \"" + a + "\"]"))
                        .json()
                        .path("totalResults")
                        .asInt());

        ScimClient.Response added = entra.patch(
                "/Groups/" + id,
                patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + b + "\"}]},"
                        + "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Sales EMEA\"}"));
        assertEquals(200, added.status(), added.toString());
        assertEquals(2, added.json().path("members").size());
        assertEquals("Sales EMEA", added.json().path("displayName").asText());

        ScimClient.Response removed = entra.patch(
                "/Groups/" + id,
                patch("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + a + "\"}]}"));
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(List.of(b), memberIds(removed.json()));
        ScimClient.Response filtered = entra.patch(
                "/Groups/" + id, patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + b + "\\\"]\"}"));
        assertEquals(200, filtered.status(), filtered.toString());
        assertEquals(0, filtered.json().path("members").size());

        ScimClient.Response put = entra.put(
                "/Groups/" + id,
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales EMEA","members":[{"value":"%s"},{"value":"%s"}]}"""
                        .formatted(a, b));
        assertEquals(200, put.status(), put.toString());
        assertEquals(2, put.json().path("members").size());
        assertEquals(204, entra.delete("/Users/" + b).status());
        assertEquals(List.of(a), memberIds(entra.get("/Groups/" + id).json()), "a deleted user leaves its groups");

        assertEquals(204, entra.delete("/Groups/" + id).status());
        assertEquals(404, entra.get("/Groups/" + id).status());
    }

    // ---- a real SCIM client: the UnboundID SCIM 2 SDK over Jersey ----

    @Test
    void unboundIdScimClientRoundTrip() throws Exception {
        // Jersey on java.net.http (its default HttpURLConnection connector cannot send PATCH on Java 17)
        jakarta.ws.rs.client.Client client = jakarta.ws.rs.client.ClientBuilder.newClient(
                        new org.glassfish.jersey.client.ClientConfig()
                                .connectorProvider(
                                        new org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider()))
                .register((jakarta.ws.rs.client.ClientRequestFilter)
                        request -> request.getHeaders().putSingle("Authorization", "Bearer " + OKTA_TOKEN));
        try {
            com.unboundid.scim2.client.ScimService scim = new com.unboundid.scim2.client.ScimService(
                    client.target("http://127.0.0.1:" + ENV.httpPort() + "/scim/v2"));
            assertTrue(scim.getServiceProviderConfig().getPatch().isSupported());

            com.unboundid.scim2.common.types.UserResource user = new com.unboundid.scim2.common.types.UserResource()
                    .setUserName("sdk.user@example.com")
                    .setDisplayName("Sdk User")
                    .setName(new com.unboundid.scim2.common.types.Name()
                            .setGivenName("Sdk")
                            .setFamilyName("User"))
                    .setEmails(List.of(new com.unboundid.scim2.common.types.Email()
                            .setValue("sdk.user@example.com")
                            .setType("work")
                            .setPrimary(true)));
            user.setExtension(new com.unboundid.scim2.common.types.EnterpriseUserExtension()
                    .setOrganization("SDK Corp")
                    .setDepartment("QA"));
            com.unboundid.scim2.common.types.UserResource created = scim.create("Users", user);
            assertNotNull(created.getId());
            assertEquals(
                    "SDK Corp",
                    created.getExtension(com.unboundid.scim2.common.types.EnterpriseUserExtension.class)
                            .getOrganization());
            String leadId =
                    awaitLink(created.getId(), "provisioned").path("recordId").asText();
            assertEquals(
                    "SDK Corp", org().record("Lead", leadId).path("Company").asText());

            com.unboundid.scim2.common.messages.ListResponse<com.unboundid.scim2.common.types.UserResource> found =
                    scim.searchRequest("Users")
                            .filter(com.unboundid.scim2.common.filters.Filter.eq("userName", "SDK.USER@example.com")
                                    .toString())
                            .invoke(com.unboundid.scim2.common.types.UserResource.class);
            assertEquals(1, found.getTotalResults());

            com.unboundid.scim2.common.types.UserResource modified = scim.modifyRequest("Users", created.getId())
                    .replaceValue("title", "Tester")
                    .invoke(com.unboundid.scim2.common.types.UserResource.class);
            assertEquals("Tester", modified.getTitle());

            modified.setName(new com.unboundid.scim2.common.types.Name()
                    .setGivenName("Sdk")
                    .setFamilyName("Renamed"));
            // with If-Match: the version the resource was read with
            com.unboundid.scim2.common.types.UserResource replaced =
                    scim.replaceRequest(modified).ifMatch().invoke();
            assertEquals("Renamed", replaced.getName().getFamilyName());
            Await.until(
                    () -> org().record("Lead", leadId),
                    l -> "Renamed".equals(l.path("LastName").asText()),
                    Duration.ofSeconds(30));

            com.unboundid.scim2.common.exceptions.ScimException stale = org.junit.jupiter.api.Assertions.assertThrows(
                    com.unboundid.scim2.common.exceptions.ScimException.class,
                    () -> scim.replaceRequest(modified).ifMatch().invoke());
            assertEquals(412, stale.getScimError().getStatus(), "the old version no longer matches");

            scim.delete("Users", created.getId());
            org.junit.jupiter.api.Assertions.assertThrows(
                    com.unboundid.scim2.common.exceptions.ResourceNotFoundException.class,
                    () -> scim.retrieve("Users", created.getId(), com.unboundid.scim2.common.types.UserResource.class));
            awaitLink(created.getId(), "deleted");
            assertEquals(404, org().recordStatus("Lead", leadId));
        } finally {
            client.close();
        }
    }

    // ---- discovery ----

    @Test
    void discoveryDocuments() {
        JsonNode spc = okta.get("/ServiceProviderConfig").json();
        assertTrue(spc.path("patch").path("supported").asBoolean());
        assertTrue(spc.path("etag").path("supported").asBoolean());
        assertFalse(spc.path("bulk").path("supported").asBoolean());
        assertEquals(200, spc.path("filter").path("maxResults").asInt());
        JsonNode types = okta.get("/ResourceTypes").json();
        assertEquals(2, types.path("totalResults").asInt());
        assertEquals(
                ENTERPRISE,
                okta.get("/ResourceTypes/User")
                        .json()
                        .path("schemaExtensions")
                        .path(0)
                        .path("schema")
                        .asText());
        JsonNode schemas = okta.get("/Schemas").json();
        assertEquals(3, schemas.path("totalResults").asInt());
        assertEquals("User", okta.get("/Schemas/" + USER).json().path("name").asText());
        assertEquals(404, okta.get("/Schemas/urn:nothing").status());
    }

    // ---- helpers ----

    @Test
    void anOversizedBodyGetsAScimError() {
        ScimClient.Response response =
                okta.post("/Users", userJson("x".repeat(2 * 1024 * 1024) + "@example.com", "Big", "Body"));
        assertError(response, 413, null);
    }

    private long total(String filter) {
        ScimClient.Response response = okta.get("/Users?count=0&filter=" + ScimClient.encode(filter));
        assertEquals(200, response.status(), filter + " → " + response);
        return response.json().path("totalResults").asLong();
    }

    private String createUser(String userName, String givenName, String familyName) {
        return createUser(okta, userName, givenName, familyName);
    }

    private static String createUser(ScimClient provider, String userName, String givenName, String familyName) {
        ScimClient.Response created = provider.post("/Users", userJson(userName, givenName, familyName));
        assertEquals(201, created.status(), created.toString());
        return created.json().path("id").asText();
    }

    private static String userJson(String userName, String givenName, String familyName) {
        return ApiClient.json(Map.of(
                "schemas",
                List.of(USER),
                "userName",
                userName,
                "name",
                Map.of("givenName", givenName, "familyName", familyName),
                "emails",
                List.of(Map.of("value", userName, "type", "work", "primary", true)),
                "active",
                true));
    }

    private static List<String> memberIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        group.path("members").forEach(m -> ids.add(m.path("value").asText()));
        return ids;
    }

    private JsonNode awaitLink(String id, String state) {
        JsonNode user = Await.until(
                () -> api.get("/api/users/" + id).json(),
                u -> state.equals(u.path("applications").path(0).path("state").asText()),
                Duration.ofSeconds(30));
        return user.path("applications").path(0);
    }

    private Map<String, Object> reportRow(String identifier, String operation) {
        List<Map<String, Object>> rows = Await.until(
                () -> Reports.rows(
                        dataSource(),
                        "SELECT * FROM provisioning_report"
                                + " WHERE user_identifier = ? AND operation = ? ORDER BY id",
                        identifier,
                        operation),
                r -> !r.isEmpty(),
                Duration.ofSeconds(30));
        return rows.get(rows.size() - 1);
    }

    private long count(String sql) {
        return ((Number) Reports.rows(dataSource(), sql).get(0).get("n")).longValue();
    }

    private EmulatorClient org() {
        return EmulatorClient.defaultOrg(context.getRegistry()
                .lookupByNameAndType("salesforceEmulator-salesforce", SalesforceEmulator.class)
                .baseUrl());
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
