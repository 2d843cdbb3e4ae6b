package io.provisioning.scim;

import static io.provisioning.testsupport.ScimTests.GROUP;
import static io.provisioning.testsupport.ScimTests.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.Application;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.LogCapture;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.ScimClient;
import io.provisioning.testsupport.TestEnvironment;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * The V14 follow-up ({@link ScimOwnerAdoption}): SCIM users and groups written before owners existed are given to
 * the only configured provider at start-up, and left to admin providers (with a warning) when there are several.
 * One directory, three starts of the bundle: the first writes users and groups through SCIM and the HTTP API and
 * then clears their owners, which is what V14 left behind on an upgraded install; the second runs with two provider
 * tokens, the third with one.
 */
class ScimOwnerAdoptionTest {

    private static final String OKTA_TOKEN = "okta-adoption-token-0123456789";
    private static final String ENTRA_TOKEN = "entra-adoption-token-0123456789";
    private static final String ADMIN_TOKEN = "admin-adoption-token-0123456789";

    @Test
    void theOnlyProviderGetsItsPreV14UsersBackSeveralProvidersDoNot() throws Exception {
        TestEnvironment env = TestEnvironment.create("scim-owner-adoption")
                .with("provisioning.application.salesforce.features.create", "false");
        String base = "http://127.0.0.1:" + env.httpPort() + "/scim/v2";
        ScimClient okta = new ScimClient(base, OKTA_TOKEN);
        ScimClient entra = new ScimClient(base, ENTRA_TOKEN);
        ApiClient api = env.api();

        // 1. Users and groups as an install had them before V14: written through SCIM, no owner.
        Main before = start(env.with("provisioning.scim.tokens", "okta:" + OKTA_TOKEN + ",auditor:" + ADMIN_TOKEN)
                .with("provisioning.scim.admin-providers", "auditor"));
        String ada;
        String gone;
        String sales;
        String support;
        String apiUser;
        String apiDeleted;
        try {
            ada = create(okta, "ada.pre14@example.com");
            gone = create(okta, "gone.pre14@example.com");
            assertEquals(204, okta.delete("/Users/" + gone).status(), "deleted through SCIM before the upgrade");
            sales = group(okta, "Sales", ada);
            support = group(okta, "Support", ada);
            apiUser = apiCreate(api, "api.pre14@example.com");
            apiDeleted = apiCreate(api, "api.deleted.pre14@example.com");
            // an admin's SCIM DELETE of a user no provider wrote: a scim_user row with no owner and nothing sent
            assertEquals(
                    204,
                    new ScimClient(base, ADMIN_TOKEN)
                            .delete("/Users/" + apiDeleted)
                            .status());
            execute(dataSource(before), "UPDATE scim_user SET owner = NULL", "UPDATE scim_group SET owner = NULL");
        } finally {
            before.stop();
        }

        // 2. Two providers: the bundle cannot tell whose the rows are; neither sees them, and the log says what to do.
        String salesAgain;
        try (LogCapture log = LogCapture.start("scim-owner-adoption-two")) {
            Main two = start(env.with("provisioning.scim.tokens", "okta:" + OKTA_TOKEN + ",entra:" + ENTRA_TOKEN)
                    .with("provisioning.scim.admin-providers", ""));
            try {
                for (ScimClient provider : List.of(okta, entra)) {
                    assertEquals(List.of(), userNames(provider), "no provider sees ownerless users");
                    assertEquals(404, provider.get("/Users/" + ada).status());
                    assertEquals(404, provider.get("/Groups/" + support).status());
                }
                String warning = line(log.text(), "WARN ScimOwnerAdoption");
                assertTrue(warning.contains("2 users and 2 groups"), warning);
                assertTrue(warning.contains("provisioning.scim.admin-providers"), warning);
                assertTrue(warning.contains("docs/scim.md"), warning);
                assertTrue(warning.contains(ScimOwnerAdoption.SQL), warning);
                assertEquals(5, ownerless(two), "nothing was given away");
                // Okta, seeing none of its groups, pushes "Sales" again: now it owns a group of that name
                salesAgain = group(okta, "Sales", null);
            } finally {
                two.stop();
            }
        }

        // 3. One provider: its rows are given back in one start; users created outside SCIM stay ownerless.
        try (LogCapture log = LogCapture.start("scim-owner-adoption-one")) {
            Main one = start(env.with("provisioning.scim.tokens", "okta:" + OKTA_TOKEN));
            try {
                String info = line(log.text(), "INFO ScimOwnerAdoption");
                assertTrue(info.contains("gave provider okta the 2 users and 1 group"), info);
                assertTrue(info.contains("1 ownerless group left"), info);

                assertEquals(
                        List.of("ada.pre14@example.com"),
                        userNames(okta),
                        "its SCIM user, not the HTTP API's users (nor the deleted one)");
                JsonNode read = okta.get("/Users/" + ada).json();
                assertEquals("ada.pre14@example.com", read.path("userName").asText(), read.toString());
                assertEquals(support, read.path("groups").path(0).path("value").asText(), "its group, with its member");
                assertEquals(404, okta.get("/Users/" + apiUser).status());
                assertEquals(404, okta.get("/Users/" + apiDeleted).status());
                assertEquals(200, okta.get("/Groups/" + support).status());
                assertEquals(200, okta.get("/Groups/" + salesAgain).status());
                assertEquals(
                        404, okta.get("/Groups/" + sales).status(), "same name as Okta's new group: left ownerless");
                // the re-hire of a user deleted before the upgrade is this provider's again: same id, not 409
                ScimClient.Response rehired = okta.post("/Users", user("gone.pre14@example.com"));
                assertEquals(201, rehired.status(), rehired.toString());
                assertEquals(gone, rehired.json().path("id").asText());

                DataSource db = dataSource(one);
                assertEquals(2, ownerless(one), "the HTTP API user's row and the old Sales group");
                assertNull(Reports.rows(db, "SELECT owner FROM scim_user WHERE user_id = ?", apiDeleted)
                        .get(0)
                        .get("owner"));
                assertEquals(List.of(), Reports.rows(db, "SELECT user_id FROM scim_user WHERE user_id = ?", apiUser));
            } finally {
                one.stop();
            }
        }

        // A later start has nothing left to give and says nothing of it at INFO.
        try (LogCapture log = LogCapture.start("scim-owner-adoption-again")) {
            Main again = start(env);
            try {
                assertFalse(log.text().contains("INFO ScimOwnerAdoption"), log.text());
                assertEquals(List.of("ada.pre14@example.com", "gone.pre14@example.com"), userNames(okta));
            } finally {
                again.stop();
            }
        }
    }

    private static Main start(TestEnvironment env) {
        TestEnvironment.clearSystemProperties();
        Main main = new Main();
        main.setPropertyPlaceholderLocations(Application.CONFIG_LOCATION);
        env.properties().forEach(main::addOverrideProperty);
        main.start();
        return main;
    }

    private static DataSource dataSource(Main main) {
        return main.lookup("dataSource", DataSource.class);
    }

    private static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }

    /** Ownerless scim_user and scim_group rows. */
    private static int ownerless(Main main) {
        DataSource db = dataSource(main);
        return ((Number) Reports.rows(db, "SELECT COUNT(*) AS n FROM scim_user WHERE owner IS NULL")
                                .get(0)
                                .get("n"))
                        .intValue()
                + ((Number) Reports.rows(db, "SELECT COUNT(*) AS n FROM scim_group WHERE owner IS NULL")
                                .get(0)
                                .get("n"))
                        .intValue();
    }

    private static String line(String log, String prefix) {
        return log.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in:\n" + log));
    }

    private static List<String> userNames(ScimClient provider) {
        ScimClient.Response list = provider.get("/Users?count=200");
        assertEquals(200, list.status(), list.toString());
        List<String> names = new ArrayList<>();
        list.json().path("Resources").forEach(u -> names.add(u.path("userName").asText()));
        return names;
    }

    private static String create(ScimClient provider, String userName) {
        ScimClient.Response created = provider.post("/Users", user(userName));
        assertEquals(201, created.status(), created.toString());
        return created.json().path("id").asText();
    }

    private static String user(String userName) {
        return ApiClient.json(
                Map.of("schemas", List.of(USER), "userName", userName, "name", Map.of("familyName", "Adopted")));
    }

    private static String group(ScimClient provider, String name, String member) {
        ScimClient.Response created = provider.post(
                "/Groups",
                "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + name + "\",\"members\":["
                        + (member == null ? "" : "{\"value\":\"" + member + "\"}") + "]}");
        assertEquals(201, created.status(), created.toString());
        return created.json().path("id").asText();
    }

    private static String apiCreate(ApiClient api, String userName) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of("userName", userName, "email", userName, "lastName", "Api", "company", "Acme")));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }
}
