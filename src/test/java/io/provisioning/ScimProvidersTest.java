package io.provisioning;

import static io.provisioning.testsupport.ScimTests.ENTERPRISE;
import static io.provisioning.testsupport.ScimTests.GROUP;
import static io.provisioning.testsupport.ScimTests.PATCH_OP;
import static io.provisioning.testsupport.ScimTests.USER;
import static io.provisioning.testsupport.ScimTests.assertError;
import static io.provisioning.testsupport.ScimTests.patch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 19: the request sequences Okta's and Microsoft Entra ID's provisioning services send with their default
 * settings (bodies and headers as their documentation shows them), and each of their known deviations from
 * RFC 7644, against the bundle with its shipped settings: the profile rules of the HTTP API stay
 * ({@code userName,email,lastName,company}), SCIM requires only userName, and the Lead's needs are checked when the
 * write is planned.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimProvidersTest {

    private static final String OKTA_TOKEN = "okta-provider-token-0123456789";
    private static final String ENTRA_TOKEN = "entra-provider-token-0123456789";

    private static final TestEnvironment ENV = TestEnvironment.create("scim-providers")
            .with("provisioning.scim.tokens", "okta:" + OKTA_TOKEN + ",entra:" + ENTRA_TOKEN)
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final String base = "http://127.0.0.1:" + ENV.httpPort() + "/scim/v2";
    private final ScimClient okta = new ScimClient(base, OKTA_TOKEN);
    private final ScimClient entra = new ScimClient(base, ENTRA_TOKEN);
    private final ApiClient api = ENV.api();

    /** Okta's provisioning requests carry these (Okta SCIM 2.0 protocol reference). */
    private static final String[] OKTA_HEADERS = {"User-Agent", "Okta SCIM Client 1.0.0", "Accept-Charset", "utf-8"};

    // ---- item 1: what the target needs is checked when the write is planned ----

    @Test
    void aScimUserWithOnlyAUserNameIsAcceptedAndTheLeadWaitsForItsLastName() {
        assertEquals(
                400,
                api.post("/api/users", ApiClient.json(Map.of("userName", "api.only@example.com")))
                        .status(),
                "the HTTP API keeps provisioning.users.required-fields");

        ScimClient.Response created =
                entra.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"only.username@example.com\"}");
        assertEquals(201, created.status(), created.toString());
        String id = created.json().path("id").asText();

        JsonNode link = awaitLink(id, "failed");
        assertEquals("REQUIRED_FIELD_MISSING", link.path("error").path("code").asText(), link.toString());
        String message = link.path("error").path("message").asText();
        assertTrue(message.contains("LastName"), message);
        assertFalse(message.contains("Company"), "the shipped mapping gives Company a default: " + message);
        assertTrue(message.contains("config/mappings/salesforce.yaml"), message);
        assertTrue(message.contains("not sent to Salesforce"), message);
        assertEquals(
                "failed",
                api.get("/api/users/" + id).json().path("onboardingStatus").asText());
        assertEquals(
                0,
                org().query("SELECT Id FROM Lead WHERE Email = 'only.username@example.com'")
                        .path("totalSize")
                        .asInt());
        List<Map<String, Object>> rows = Reports.forUser(dataSource(), "only.username@example.com");
        assertEquals(1, rows.size(), "refused once, not retried on its own: " + rows);
        assertEquals("failure", rows.get(0).get("status"));
        assertEquals("REQUIRED_FIELD_MISSING", rows.get(0).get("error_code"));

        // the provider supplies the family name later: the create is planned again and goes through
        ScimClient.Response named = entra.patch(
                "/Users/" + id,
                patch(
                        "{\"op\":\"Add\",\"path\":\"name.familyName\",\"value\":\"Later\"},"
                                + "{\"op\":\"Add\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"only.username@example.com\"}"));
        assertEquals(200, named.status(), named.toString());
        String leadId = awaitLink(id, "provisioned").path("recordId").asText();
        JsonNode lead = org().record("Lead", leadId);
        assertEquals("Later", lead.path("LastName").asText());
        assertEquals("[not provided]", lead.path("Company").asText(), "Web-to-Lead's default");

        // clearing the family name is refused without a call; giving the same one back makes the link whole again
        assertEquals(
                200,
                entra.patch("/Users/" + id, patch("{\"op\":\"remove\",\"path\":\"name.familyName\"}"))
                        .status());
        assertEquals(
                "REQUIRED_FIELD_MISSING",
                awaitLink(id, "failed").path("error").path("code").asText());
        assertEquals(
                200,
                entra.patch("/Users/" + id, patch("{\"op\":\"add\",\"path\":\"name.familyName\",\"value\":\"Later\"}"))
                        .status());
        assertEquals(leadId, awaitLink(id, "provisioned").path("recordId").asText());
        assertEquals("Later", org().record("Lead", leadId).path("LastName").asText());
    }

    // ---- item 5: Okta's sequence ----

    @Test
    void oktaSequenceCreateFindDeactivateReactivateAndGroupPush() {
        // "Test Connector Configuration": a filter on a user that does not exist, and a page of users
        ScimClient.Response probe = okta.send(
                "GET",
                "/Users?filter=" + ScimClient.encode("userName eq \"" + UUID.randomUUID() + "\"")
                        + "&startIndex=1&count=100",
                null,
                OKTA_HEADERS);
        assertEquals(200, probe.status(), probe.toString());
        assertEquals(0, probe.json().path("totalResults").asInt());
        assertEquals(
                200,
                okta.send("GET", "/Users?startIndex=1&count=2", null, OKTA_HEADERS)
                        .status());

        ScimClient.Response created = okta.send(
                "POST",
                "/Users",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"okta.seq@example.com",
                 "name":{"givenName":"Olga","familyName":"Sequence"},
                 "emails":[{"primary":true,"value":"okta.seq@example.com","type":"work"}],
                 "displayName":"Olga Sequence","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],
                 "password":"1mz050nq","active":true}""",
                OKTA_HEADERS);
        assertEquals(201, created.status(), created.toString());
        String id = created.json().path("id").asText();
        String leadId = awaitLink(id, "provisioned").path("recordId").asText();

        JsonNode found = okta.send(
                        "GET",
                        "/Users?filter=" + ScimClient.encode("userName eq \"okta.seq@example.com\"")
                                + "&startIndex=1&count=100",
                        null,
                        OKTA_HEADERS)
                .json();
        assertEquals(1, found.path("totalResults").asInt());
        assertEquals(id, found.path("Resources").path(0).path("id").asText());
        assertEquals(200, okta.send("GET", "/Users/" + id, null, OKTA_HEADERS).status());

        // profile push: the whole user with PUT, with the id and meta it read
        JsonNode current = okta.get("/Users/" + id).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) current.path("name")).put("familyName", "Renamed");
        ScimClient.Response put = okta.send("PUT", "/Users/" + id, current.toString(), OKTA_HEADERS);
        assertEquals(200, put.status(), put.toString());
        Await.until(
                () -> org().record("Lead", leadId),
                l -> "Renamed".equals(l.path("LastName").asText()),
                Duration.ofSeconds(30));

        ScimClient.Response deactivated = okta.send(
                "PATCH",
                "/Users/" + id,
                "{\"schemas\":[\"" + PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}",
                OKTA_HEADERS);
        assertEquals(200, deactivated.status(), deactivated.toString());
        assertFalse(deactivated.json().path("active").asBoolean());
        awaitLink(id, "deleted");

        ScimClient.Response reactivated = okta.send(
                "PATCH",
                "/Users/" + id,
                "{\"schemas\":[\"" + PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":true}}]}",
                OKTA_HEADERS);
        assertEquals(200, reactivated.status(), reactivated.toString());
        assertTrue(reactivated.json().path("active").asBoolean());
        String newLead = awaitLink(id, "provisioned").path("recordId").asText();
        assertEquals("Renamed", org().record("Lead", newLead).path("LastName").asText());

        // group push
        ScimClient.Response group = okta.send(
                "POST",
                "/Groups",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Okta Push",
                 "members":[{"value":"%s","display":"okta.seq@example.com"}]}"""
                        .formatted(id),
                OKTA_HEADERS);
        assertEquals(201, group.status(), group.toString());
        String groupId = group.json().path("id").asText();
        assertEquals(List.of(id), memberIds(group.json()));
        // Okta renames with a path-less replace that repeats the group's own id
        ScimClient.Response renamed = okta.send(
                "PATCH",
                "/Groups/" + groupId,
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"id":"%s","displayName":"Okta Push Renamed"}}]}"""
                        .formatted(groupId),
                OKTA_HEADERS);
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals("Okta Push Renamed", renamed.json().path("displayName").asText());
        assertError(
                okta.patch("/Groups/" + groupId, patch("{\"op\":\"replace\",\"value\":{\"id\":\"another-id\"}}")),
                400,
                "mutability");

        JsonNode user = okta.get("/Users/" + id).json();
        assertEquals(
                groupId, user.path("groups").path(0).path("value").asText(), "the user's groups are visible: " + user);
        assertEquals(
                "Okta Push Renamed", user.path("groups").path(0).path("display").asText());
        assertEquals(
                "Okta Push Renamed",
                api.get("/api/users/" + id)
                        .json()
                        .path("groups")
                        .path(0)
                        .path("displayName")
                        .asText(),
                "and in the HTTP API's user view");

        ScimClient.Response removed = okta.send(
                "PATCH",
                "/Groups/" + groupId,
                patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + id + "\\\"]\"}"),
                OKTA_HEADERS);
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(0, removed.json().path("members").size());
        ScimClient.Response added = okta.send(
                "PATCH",
                "/Groups/" + groupId,
                patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id
                        + "\",\"display\":\"okta.seq@example.com\"}]}"),
                OKTA_HEADERS);
        assertEquals(List.of(id), memberIds(added.json()));
        assertEquals(
                204,
                okta.send("DELETE", "/Groups/" + groupId, null, OKTA_HEADERS).status());
        assertTrue(okta.get("/Users/" + id).json().path("groups").isMissingNode());
    }

    // ---- item 5: Entra ID's sequence ----

    @Test
    void entraSequenceCreateFindPatchDisableEnableGroupsAndDelete() {
        String probeName = "Test_User_" + UUID.randomUUID();
        JsonNode probe = entra.get("/Users?filter=" + ScimClient.encode("userName eq \"" + probeName + "\""))
                .json();
        assertEquals(0, probe.path("totalResults").asInt(), "Entra's credential test: a random user is not found");
        assertEquals(
                0,
                entra.get("/Groups?excludedAttributes=members&filter="
                                + ScimClient.encode("displayName eq \"" + UUID.randomUUID() + "\""))
                        .json()
                        .path("totalResults")
                        .asInt());

        ScimClient.Response created = entra.post(
                "/Users",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"%s","active":true,
                 "addresses":[{"primary":true,"type":"work","country":"US","locality":"Redmond","postalCode":"98052"}],
                 "displayName":"Test User","emails":[{"primary":true,"type":"work","value":"%s@testuser.com"}],
                 "meta":{"resourceType":"User"},"name":{"familyName":"familyName","givenName":"givenName"},"roles":[],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Eng"}}"""
                        .formatted(probeName, probeName));
        assertEquals(201, created.status(), created.toString());
        String id = created.json().path("id").asText();
        String leadId = awaitLink(id, "provisioned").path("recordId").asText();
        assertEquals(
                "[not provided]",
                org().record("Lead", leadId).path("Company").asText(),
                "no organization, no configured default company: the mapping's default");

        assertEquals(
                id,
                entra.get("/Users?filter=" + ScimClient.encode("userName eq \"" + probeName + "\""))
                        .json()
                        .path("Resources")
                        .path(0)
                        .path("id")
                        .asText());
        assertEquals(
                id,
                entra.get("/Users?filter="
                                + ScimClient.encode("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""))
                        .json()
                        .path("Resources")
                        .path(0)
                        .path("id")
                        .asText());

        ScimClient.Response patched = entra.patch(
                "/Users/" + id,
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updated.%s@testuser.com"},
                 {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"},
                 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"mgr-1"},
                 {"op":"Replace","path":"addresses[type eq \\"work\\"].locality","value":"Seattle"}]}"""
                        .formatted(probeName));
        assertEquals(200, patched.status(), patched.toString());
        assertEquals(
                "updatedFamilyName",
                patched.json().path("name").path("familyName").asText());
        assertEquals(
                "mgr-1",
                patched.json().path(ENTERPRISE).path("manager").path("value").asText());
        assertEquals(
                "Seattle",
                patched.json().path("addresses").path(0).path("locality").asText());
        Await.until(
                () -> org().record("Lead", leadId),
                l -> "updatedFamilyName".equals(l.path("LastName").asText()),
                Duration.ofSeconds(30));

        ScimClient.Response disabled = entra.patch(
                "/Users/" + id,
                "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}],\"schemas\":[\""
                        + PATCH_OP + "\"]}");
        assertEquals(200, disabled.status(), disabled.toString());
        awaitLink(id, "deleted");
        JsonNode inactive = entra.get("/Users?filter=" + ScimClient.encode("userName eq \"" + probeName + "\""))
                .json();
        assertFalse(
                inactive.path("Resources").path(0).path("active").asBoolean(true),
                "a disabled user is found, with active false");
        ScimClient.Response enabled = entra.patch(
                "/Users/" + id,
                "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}],\"schemas\":[\""
                        + PATCH_OP + "\"]}");
        assertTrue(enabled.json().path("active").asBoolean(), enabled.toString());
        awaitLink(id, "provisioned");

        ScimClient.Response group = entra.post(
                "/Groups",
                """
                {"externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Entra Group %s",
                 "meta":{"resourceType":"Group"},"members":[],"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}"""
                        .formatted(probeName));
        assertEquals(201, group.status(), group.toString());
        String groupId = group.json().path("id").asText();
        ScimClient.Response add = entra.patch(
                "/Groups/" + groupId,
                patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}"));
        assertEquals(200, add.status(), add.toString());
        String memberFilter = ScimClient.encode("id eq \"" + groupId + "\" and members[value eq \"" + id + "\"]");
        JsonNode check = entra.get("/Groups?excludedAttributes=members&filter=" + memberFilter)
                .json();
        assertEquals(1, check.path("totalResults").asInt(), "Entra checks a membership this way");
        assertTrue(check.path("Resources").path(0).path("members").isMissingNode());
        ScimClient.Response remove = entra.patch(
                "/Groups/" + groupId,
                patch("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}"));
        assertEquals(0, remove.json().path("members").size(), remove.toString());
        assertEquals(
                0,
                entra.get("/Groups?excludedAttributes=members&filter=" + memberFilter)
                        .json()
                        .path("totalResults")
                        .asInt());
        assertEquals(204, entra.delete("/Groups/" + groupId).status());

        assertEquals(204, entra.delete("/Users/" + id).status());
        assertEquals(404, entra.get("/Users/" + id).status());
    }

    // ---- item 2: known deviations, one by one ----

    @Test
    void booleansAsStringsAndCapitalisedOps() {
        ScimClient.Response created = entra.post(
                "/Users",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"strings@example.com","active":"True",
                 "name":{"familyName":"Strings"},"emails":[{"value":"strings@example.com","primary":"true","type":"work"}]}""");
        assertEquals(201, created.status(), created.toString());
        assertTrue(created.json().path("active").isBoolean(), "answered as a real boolean");
        String id = created.json().path("id").asText();
        for (String op : List.of("Replace", "REPLACE", "replace")) {
            ScimClient.Response r = entra.patch(
                    "/Users/" + id, patch("{\"op\":\"" + op + "\",\"path\":\"title\",\"value\":\"" + op + "\"}"));
            assertEquals(op, r.json().path("title").asText(), r.toString());
        }
        ScimClient.Response add =
                entra.patch("/Users/" + id, patch("{\"op\":\"Add\",\"path\":\"nickName\",\"value\":\"Stringy\"}"));
        assertEquals("Stringy", add.json().path("nickName").asText());
        ScimClient.Response remove = entra.patch("/Users/" + id, patch("{\"op\":\"Remove\",\"path\":\"nickName\"}"));
        assertTrue(remove.json().path("nickName").isMissingNode());
        ScimClient.Response off =
                entra.patch("/Users/" + id, patch("{\"op\":\"Replace\",\"value\":{\"active\":\"False\"}}"));
        assertFalse(off.json().path("active").asBoolean(true), off.toString());
    }

    @Test
    void pathsWithValueFiltersAndTheEnterpriseUrnAndPathlessOperations() {
        String id = create(entra, "paths@example.com", "Paths");
        ScimClient.Response r = entra.patch(
                "/Users/" + id,
                patch(
                        "{\"op\":\"Add\",\"path\":\"phoneNumbers[type eq \\\"mobile\\\"].value\",\"value\":\"+1 555 0100\"},"
                                + "{\"op\":\"Replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber\",\"value\":\"E-7\"},"
                                + "{\"op\":\"Add\",\"value\":{\"name.givenName\":\"Pat\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division\":\"North\"}},"
                                + "{\"op\":\"Replace\",\"value\":{\"displayName\":\"Pat Paths\",\"" + ENTERPRISE
                                + "\":{\"costCenter\":\"CC1\"}}}"));
        assertEquals(200, r.status(), r.toString());
        JsonNode user = r.json();
        assertEquals(
                "+1 555 0100", user.path("phoneNumbers").path(0).path("value").asText());
        assertEquals("mobile", user.path("phoneNumbers").path(0).path("type").asText());
        assertEquals("E-7", user.path(ENTERPRISE).path("employeeNumber").asText());
        assertEquals("North", user.path(ENTERPRISE).path("division").asText());
        assertEquals("CC1", user.path(ENTERPRISE).path("costCenter").asText());
        assertEquals("Pat", user.path("name").path("givenName").asText());
        assertEquals("Pat Paths", user.path("displayName").asText());
        assertEquals(
                id,
                entra.get("/Users?filter=" + ScimClient.encode(ENTERPRISE + ":employeeNumber eq \"E-7\""))
                        .json()
                        .path("Resources")
                        .path(0)
                        .path("id")
                        .asText());
    }

    @Test
    void membersAsStringsOrObjectsAndRemoveWithAValueList() {
        String a = create(okta, "m.a@example.com", "A");
        String b = create(okta, "m.b@example.com", "B");
        String c = create(okta, "m.c@example.com", "C");
        ScimClient.Response group = okta.post(
                "/Groups",
                "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Mixed\",\"members\":[\"" + a + "\",{\"value\":\""
                        + b + "\"}]}");
        assertEquals(201, group.status(), group.toString());
        String id = group.json().path("id").asText();
        assertEquals(2, group.json().path("members").size());
        ScimClient.Response added =
                okta.patch("/Groups/" + id, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[\"" + c + "\"]}"));
        assertEquals(3, added.json().path("members").size(), added.toString());
        ScimClient.Response removed = okta.patch(
                "/Groups/" + id,
                patch("{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + a + "\"},\"" + b + "\"]}"));
        assertEquals(List.of(c), memberIds(removed.json()), removed.toString());
    }

    @Test
    void namesAreCaseInsensitive() {
        ScimClient.Response created = okta.post(
                "/Users",
                "{\"SCHEMAS\":[\"URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER\"],"
                        + "\"USERNAME\":\"Case.Insensitive@example.com\",\"Name\":{\"FamilyName\":\"Case\"}}");
        assertEquals(201, created.status(), created.toString());
        String id = created.json().path("id").asText();
        assertEquals(
                id,
                okta.get("/Users?filter=" + ScimClient.encode("USERNAME EQ \"case.insensitive@EXAMPLE.com\""))
                        .json()
                        .path("Resources")
                        .path(0)
                        .path("id")
                        .asText());
        JsonNode narrow = okta.get("/Users/" + id + "?attributes=USERNAME,NAME.FAMILYNAME")
                .json();
        assertEquals("Case.Insensitive@example.com", narrow.path("userName").asText(), narrow.toString());
        assertEquals("Case", narrow.path("name").path("familyName").asText(), narrow.toString());
        assertEquals(
                200,
                okta.patch(
                                "/Users/" + id,
                                patch("{\"op\":\"replace\",\"path\":\"NAME.FAMILYNAME\",\"value\":\"Upper\"}"))
                        .status());
        assertEquals(
                "Upper",
                okta.get("/Users/" + id).json().path("name").path("familyName").asText());
        assertEquals("User", okta.get("/ResourceTypes/user").json().path("id").asText());
        // resource endpoints in any case, with their query strings
        assertEquals(id, okta.get("/users/" + id).json().path("id").asText());
        assertEquals(
                1,
                okta.get("/USERS?filter=" + ScimClient.encode("userName eq \"case.insensitive@example.com\""))
                        .json()
                        .path("totalResults")
                        .asInt());
        assertEquals(
                200,
                okta.patch("/users/" + id, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"lower\"}"))
                        .status());
        assertEquals("lower", okta.get("/Users/" + id).json().path("title").asText());
        assertTrue(okta.get("/serviceproviderconfig")
                .json()
                .path("patch")
                .path("supported")
                .asBoolean());
        assertError(okta.get("/users/" + java.util.UUID.randomUUID()), 404, null);
        assertEquals(
                "User",
                okta.get("/Schemas/" + USER.toUpperCase(java.util.Locale.ROOT))
                        .json()
                        .path("name")
                        .asText());
    }

    @Test
    void filtersIdentityProvidersUse() {
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(2);
        String id = create(okta, "filters.idp@example.com", "Filters");
        okta.patch(
                "/Users/" + id,
                patch("{\"op\":\"replace\",\"value\":{\"externalId\":\"ext-filters\",\"displayName\":\"Filter Me\"}}"));
        for (String filter : List.of(
                "externalId eq \"ext-filters\"",
                "userName eq \"FILTERS.IDP@example.com\"",
                "emails.value eq \"filters.idp@example.com\"",
                "emails[value eq \"filters.idp@example.com\"]",
                "displayName eq \"filter me\"",
                "meta.lastModified gt \"" + before + "\" and userName sw \"filters.idp\"")) {
            JsonNode found =
                    okta.get("/Users?filter=" + ScimClient.encode(filter)).json();
            assertEquals(1, found.path("totalResults").asInt(), filter + " → " + found);
            assertEquals(id, found.path("Resources").path(0).path("id").asText(), filter);
        }
        assertEquals(
                0,
                okta.get("/Users?filter="
                                + ScimClient.encode("meta.lastModified gt \""
                                        + OffsetDateTime.now().plusHours(1) + "\""))
                        .json()
                        .path("totalResults")
                        .asInt());
    }

    @Test
    void pagesStayTrueWhileUsersAreAdded() {
        for (int i = 0; i < 5; i++) {
            create(okta, "pager" + i + "@paging.example", "Pager");
        }
        String filter = "&filter=" + ScimClient.encode("userName ew \"@paging.example\"");
        JsonNode first = okta.get("/Users?startIndex=1&count=2" + filter).json();
        assertEquals(5, first.path("totalResults").asInt());
        create(okta, "pager5@paging.example", "Pager");
        JsonNode second = okta.get("/Users?startIndex=3&count=2" + filter).json();
        assertEquals(6, second.path("totalResults").asInt(), "totalResults counts the user added meanwhile");
        JsonNode third = okta.get("/Users?startIndex=5&count=2" + filter).json();
        List<String> seen = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.path("Resources").forEach(u -> seen.add(u.path("userName").asText()));
        }
        assertEquals(
                List.of(
                        "pager0@paging.example",
                        "pager1@paging.example",
                        "pager2@paging.example",
                        "pager3@paging.example",
                        "pager4@paging.example",
                        "pager5@paging.example"),
                seen,
                "oldest first: an added user lands on the last page, none is skipped or repeated");
    }

    @Test
    void putThatOmitsAttributesIsAccepted() {
        String id = create(okta, "put.omits@example.com", "Omits");
        okta.patch("/Users/" + id, patch("{\"op\":\"add\",\"path\":\"title\",\"value\":\"Keep?\"}"));
        ScimClient.Response put =
                okta.put("/Users/" + id, "{\"schemas\":[\"" + USER + "\"],\"userName\":\"put.omits@example.com\"}");
        assertEquals(200, put.status(), put.toString());
        assertTrue(put.json().path("active").asBoolean(), "active is unchanged when omitted");
        assertTrue(put.json().path("title").isMissingNode(), "other omitted attributes are cleared (RFC 7644 §3.5.1)");
        assertTrue(put.json().path("name").isMissingNode());
        // the Lead keeps its last name: clearing a field Salesforce requires is refused without a call
        JsonNode link = awaitLinkError(id, "REQUIRED_FIELD_MISSING");
        assertTrue(link.path("error").path("message").asText().contains("LastName"), link.toString());
    }

    @Test
    void duplicatesAreUniquenessAlsoForAnInactiveUser() {
        String id = create(okta, "dup.idp@example.com", "Dup");
        assertError(okta.post("/Users", user("DUP.IDP@example.com", "Again")), 409, "uniqueness");
        okta.patch("/Users/" + id, patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"));
        assertError(okta.post("/Users", user("dup.idp@example.com", "Again")), 409, "uniqueness");
        String other = create(okta, "dup.other@example.com", "Other");
        assertError(
                okta.patch(
                        "/Users/" + other,
                        patch("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"dup.idp@example.com\"}")),
                409,
                "uniqueness");
    }

    @Test
    void unknownIdsAre404BeforeTheBodyIsLookedAt() {
        String unknown = "/Users/" + UUID.randomUUID();
        assertError(okta.put(unknown, "{not json"), 404, null);
        assertError(okta.patch(unknown, "{\"schemas\":[]}"), 404, null);
        assertError(okta.delete(unknown), 404, null);
        assertError(okta.patch("/Groups/" + UUID.randomUUID(), "{not json"), 404, null);
        assertError(okta.put("/Groups/" + UUID.randomUUID(), "[]"), 404, null);
    }

    // ---- helpers ----

    private String create(ScimClient provider, String userName, String familyName) {
        ScimClient.Response created = provider.post("/Users", user(userName, familyName));
        assertEquals(201, created.status(), created.toString());
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

    private static List<String> memberIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        group.path("members").forEach(m -> ids.add(m.path("value").asText()));
        return ids;
    }

    private JsonNode awaitLink(String id, String state) {
        return Await.until(
                        () -> api.get("/api/users/" + id).json(),
                        u -> state.equals(
                                u.path("applications").path(0).path("state").asText()),
                        Duration.ofSeconds(30))
                .path("applications")
                .path(0);
    }

    private JsonNode awaitLinkError(String id, String code) {
        return Await.until(
                        () -> api.get("/api/users/" + id).json(),
                        u -> code.equals(u.path("applications")
                                .path(0)
                                .path("error")
                                .path("code")
                                .asText()),
                        Duration.ofSeconds(30))
                .path("applications")
                .path(0);
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
