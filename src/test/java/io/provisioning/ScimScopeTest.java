package io.provisioning;

import static io.provisioning.testsupport.ScimTests.GROUP;
import static io.provisioning.testsupport.ScimTests.USER;
import static io.provisioning.testsupport.ScimTests.assertError;
import static io.provisioning.testsupport.ScimTests.patch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.ScimClient;
import io.provisioning.testsupport.TestEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15 (SCIM scope): each provider's token sees only what it created, an admin provider sees everything, and
 * {@code meta.location} never carries a Host header the client chose. Issue 19: group membership changes of
 * hundreds of users in one PATCH, all or nothing. Creates are switched off for the Lead application here, so the
 * hundreds of users cost no Salesforce work.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimScopeTest {

    private static final String OKTA_TOKEN = "okta-scope-token-0123456789";
    private static final String ENTRA_TOKEN = "entra-scope-token-0123456789";
    private static final String ADMIN_TOKEN = "admin-scope-token-0123456789";
    private static final String FORGED = "evil.example";

    private static final TestEnvironment ENV = TestEnvironment.create("scim-scope")
            .with(
                    "provisioning.scim.tokens",
                    "okta:" + OKTA_TOKEN + ",entra:" + ENTRA_TOKEN + ",auditor:" + ADMIN_TOKEN)
            .with("provisioning.scim.admin-providers", "auditor")
            .with("provisioning.application.salesforce.features.create", "false")
            // an allowed name, so the request passes the Host check and reaches SCIM: it must still not be used
            .with("provisioning.http.allowed-hosts", FORGED)
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private final String base = "http://127.0.0.1:" + ENV.httpPort() + "/scim/v2";
    private final ScimClient okta = new ScimClient(base, OKTA_TOKEN);
    private final ScimClient entra = new ScimClient(base, ENTRA_TOKEN);
    private final ScimClient admin = new ScimClient(base, ADMIN_TOKEN);
    private final ApiClient api = ENV.api();

    @Test
    void anotherProvidersUsersAndGroupsAreNotFound() {
        String id = create(okta, "owned.by.okta@example.com");
        String group = okta.post(
                        "/Groups",
                        "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Okta Only\",\"members\":[{\"value\":\"" + id
                                + "\"}]}")
                .json()
                .path("id")
                .asText();

        assertError(entra.get("/Users/" + id), 404, null);
        assertError(entra.put("/Users/" + id, user("owned.by.okta@example.com")), 404, null);
        assertError(
                entra.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}")),
                404,
                null);
        assertError(entra.delete("/Users/" + id), 404, null);
        assertEquals(0, total(entra, "/Users", "userName eq \"owned.by.okta@example.com\""));
        assertFalse(entra.get("/Users?count=200").body().contains(id), "not in an unfiltered list either");
        assertError(entra.get("/Groups/" + group), 404, null);
        assertError(
                entra.patch("/Groups/" + group, patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}")),
                404,
                null);
        assertEquals(0, total(entra, "/Groups", "displayName eq \"Okta Only\""));
        assertError(
                entra.post(
                        "/Groups",
                        "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Entra\",\"members\":[{\"value\":\"" + id
                                + "\"}]}"),
                400,
                "invalidValue");
        // the user name is the directory's: taken is taken, whoever took it
        assertError(entra.post("/Users", user("Owned.By.Okta@example.com")), 409, "uniqueness");

        assertEquals(200, okta.get("/Users/" + id).status());
        assertEquals(
                "Okta Only",
                okta.get("/Users/" + id)
                        .json()
                        .path("groups")
                        .path(0)
                        .path("display")
                        .asText());
        assertEquals(
                1, total(admin, "/Users", "userName eq \"owned.by.okta@example.com\""), "an admin provider sees all");
        assertEquals(200, admin.get("/Groups/" + group).status());
        assertEquals(
                200,
                admin.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Audited\"}"))
                        .status());
        assertEquals(200, okta.get("/Users/" + id).status(), "an admin's change does not take the user from its owner");

        // each provider has its own group names
        assertEquals(
                201,
                entra.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"okta only\"}")
                        .status());
    }

    @Test
    void usersWithoutOwnerAreVisibleToAdminProvidersOnly() {
        ApiClient.Response fromApi = api.post(
                "/api/users",
                ApiClient.json(Map.of(
                        "userName",
                        "from.api@example.com",
                        "email",
                        "from.api@example.com",
                        "lastName",
                        "Api",
                        "company",
                        "Acme")));
        assertEquals(201, fromApi.status(), fromApi.body());
        String apiUser = fromApi.json().path("id").asText();
        assertError(okta.get("/Users/" + apiUser), 404, null);
        assertEquals(200, admin.get("/Users/" + apiUser).status());

        // a SCIM user written before V14 has no owner: as if the owner column were empty
        String legacy = create(okta, "legacy@example.com");
        assertEquals(1, update("UPDATE scim_user SET owner = NULL WHERE user_id = ?", legacy));
        assertError(okta.get("/Users/" + legacy), 404, null);
        assertEquals(0, total(okta, "/Users", "userName eq \"legacy@example.com\""));
        assertEquals(200, admin.get("/Users/" + legacy).status());
    }

    @Test
    void aForgedHostHeaderNeverBecomesALocation() throws IOException {
        String id = create(okta, "host.header@example.com");
        String groupBody =
                "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Hosted\",\"members\":[{\"value\":\"" + id + "\"}]}";
        List<String> answers = new ArrayList<>();
        answers.add(raw("POST", "/scim/v2/Users", user("forged.host@example.com")));
        answers.add(raw("GET", "/scim/v2/Users/" + id, null));
        answers.add(raw(
                "GET", "/scim/v2/Users?filter=" + ScimClient.encode("userName eq \"host.header@example.com\""), null));
        answers.add(
                raw("PATCH", "/scim/v2/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"T\"}")));
        answers.add(raw("POST", "/scim/v2/Groups", groupBody));
        answers.add(raw("GET", "/scim/v2/Groups", null));
        answers.add(raw("GET", "/scim/v2/ServiceProviderConfig", null));
        answers.add(raw("GET", "/scim/v2/ResourceTypes", null));
        answers.add(raw("GET", "/scim/v2/Schemas", null));
        String local = "http://127.0.0.1:" + ENV.httpPort() + "/scim/v2/";
        for (String answer : answers) {
            assertFalse(answer.toLowerCase(java.util.Locale.ROOT).contains(FORGED), answer);
            assertTrue(answer.startsWith("HTTP/1.1 2"), answer);
            assertTrue(answer.contains("\"location\":\"" + local), answer);
        }
        assertTrue(answers.get(0).startsWith("HTTP/1.1 201"), answers.get(0));
        assertTrue(answers.get(0).contains("Location: " + local + "Users/"), answers.get(0));
    }

    @Test
    void hundredsOfMembersInOnePatchAllOrNothing() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(create(entra, "member" + i + "@many.example"));
        }
        String group = entra.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Many\"}")
                .json()
                .path("id")
                .asText();

        StringBuilder values = new StringBuilder();
        for (String id : ids) {
            values.append(values.length() == 0 ? "" : ",")
                    .append("{\"value\":\"")
                    .append(id)
                    .append("\"}");
        }
        // one unknown member among 300: nothing is added
        ScimClient.Response refused = entra.patch(
                "/Groups/" + group,
                patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[" + values + ",{\"value\":\"no-such-user\"}]}"));
        assertError(refused, 400, "invalidValue");
        assertTrue(refused.json().path("detail").asText().contains("no-such-user"), refused.toString());
        assertEquals(0, memberCount(group));

        ScimClient.Response added = entra.patch(
                "/Groups/" + group + "?excludedAttributes=members",
                patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[" + values + "]}"));
        assertEquals(200, added.status(), added.toString());
        assertTrue(added.json().path("members").isMissingNode(), "excludedAttributes applies to the PATCH answer");
        assertEquals(300, memberCount(group));
        JsonNode full = entra.get("/Groups/" + group).json();
        Set<String> members = new HashSet<>();
        full.path("members").forEach(m -> members.add(m.path("value").asText()));
        assertEquals(new HashSet<>(ids), members);
        assertEquals(
                group,
                entra.get("/Users/" + ids.get(123))
                        .json()
                        .path("groups")
                        .path(0)
                        .path("value")
                        .asText());

        // remove 200 of them with a value list, in one request
        StringBuilder removed = new StringBuilder();
        for (String id : ids.subList(0, 200)) {
            removed.append(removed.length() == 0 ? "" : ",")
                    .append("{\"value\":\"")
                    .append(id)
                    .append("\"}");
        }
        ScimClient.Response remove = entra.patch(
                "/Groups/" + group + "?excludedAttributes=members",
                patch("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[" + removed + "]}"));
        assertEquals(200, remove.status(), remove.toString());
        assertEquals(100, memberCount(group));
        assertTrue(entra.get("/Users/" + ids.get(0)).json().path("groups").isMissingNode());
        assertEquals(
                group,
                api.get("/api/users/" + ids.get(250))
                        .json()
                        .path("groups")
                        .path(0)
                        .path("id")
                        .asText());
    }

    // ---- helpers ----

    /** A request with a forged Host header, on a plain socket (java.net.http does not let a caller set Host). */
    private static String raw(String method, String path, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", ENV.httpPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + FORGED + "\r\nAuthorization: Bearer " + OKTA_TOKEN
                            + "\r\nContent-Type: application/scim+json\r\nContent-Length: " + content.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String create(ScimClient provider, String userName) {
        ScimClient.Response created = provider.post("/Users", user(userName));
        assertEquals(201, created.status(), created.toString());
        return created.json().path("id").asText();
    }

    private static String user(String userName) {
        return ApiClient.json(
                Map.of("schemas", List.of(USER), "userName", userName, "name", Map.of("familyName", "Scope")));
    }

    private static long total(ScimClient provider, String resource, String filter) {
        ScimClient.Response response = provider.get(resource + "?filter=" + ScimClient.encode(filter));
        assertEquals(200, response.status(), response.toString());
        return response.json().path("totalResults").asLong();
    }

    private long memberCount(String group) {
        return ((Number) io.provisioning.testsupport.Reports.rows(
                                dataSource(), "SELECT COUNT(*) AS n FROM scim_group_member WHERE group_id = ?", group)
                        .get(0)
                        .get("n"))
                .longValue();
    }

    private int update(String sql, String id) {
        try (var connection = dataSource().getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            return statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }
}
