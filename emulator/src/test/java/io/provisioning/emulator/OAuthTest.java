package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.V;
import static io.provisioning.emulator.EmulatorClient.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthTest {
    private SalesforceEmulator emulator;
    private EmulatorClient client;

    @BeforeEach
    void start() throws Exception {
        emulator =
                new SalesforceEmulator(EmulatorSettings.defaults().withPort(0).withTokenTtlSeconds(1));
        emulator.start();
        client = new EmulatorClient(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void passwordGrantAnswersLikeSalesforce() throws Exception {
        EmulatorClient.Answer a = client.form(
                "/services/oauth2/token",
                "grant_type=password&client_id=" + ConnectedApp.DEFAULT_CLIENT_ID + "&client_secret="
                        + ConnectedApp.DEFAULT_CLIENT_SECRET + "&username=" + enc("integration@emulator.local")
                        + "&password=emulator");
        assertEquals(200, a.status());
        assertEquals(emulator.baseUrl(), a.json().get("instance_url").asText());
        assertEquals("Bearer", a.json().get("token_type").asText());
        String id = a.json().get("id").asText();
        assertTrue(id.matches("http://127\\.0\\.0\\.1:\\d+/id/00D\\w{15}/005\\w{15}"), id);
        assertTrue(a.json().get("issued_at").asText().matches("\\d{13}"));
        assertNotNull(a.json().get("signature"));
        assertNotNull(a.json().get("refresh_token"));

        EmulatorClient.Answer refreshed = client.form(
                "/services/oauth2/token",
                "grant_type=refresh_token&client_id=" + ConnectedApp.DEFAULT_CLIENT_ID + "&refresh_token="
                        + enc(a.json().get("refresh_token").asText()));
        assertEquals(200, refreshed.status());
        assertFalse(refreshed.json().has("refresh_token"));
    }

    @Test
    void badCredentialsAndUnknownGrantAre400() throws Exception {
        EmulatorClient.Answer bad = client.form(
                "/services/oauth2/token",
                "grant_type=password&client_id=" + ConnectedApp.DEFAULT_CLIENT_ID + "&client_secret="
                        + ConnectedApp.DEFAULT_CLIENT_SECRET + "&username=" + enc("integration@emulator.local")
                        + "&password=wrong");
        assertEquals(400, bad.status());
        assertEquals("invalid_grant", bad.json().get("error").asText());
        assertEquals(
                "authentication failure", bad.json().get("error_description").asText());
        EmulatorClient.Answer grant = client.form("/services/oauth2/token", "grant_type=magic");
        assertEquals(400, grant.status());
        assertEquals("unsupported_grant_type", grant.json().get("error").asText());
        EmulatorClient.Answer refresh = client.form(
                "/services/oauth2/token",
                "grant_type=refresh_token&client_id=" + ConnectedApp.DEFAULT_CLIENT_ID + "&refresh_token=nope");
        assertEquals(
                "expired access/refresh token",
                refresh.json().get("error_description").asText());
    }

    @Test
    void clientCredentialsGrantAndAnUnsignedJwt() throws Exception {
        EmulatorClient.Answer cc = client.form(
                "/services/oauth2/token",
                "grant_type=client_credentials&client_id=" + ConnectedApp.DEFAULT_CLIENT_ID + "&client_secret="
                        + ConnectedApp.DEFAULT_CLIENT_SECRET);
        assertEquals(200, cc.status());
        assertFalse(cc.json().has("refresh_token"));
        // signature "sig" by no key: an org with no certificate (or another one) refuses it
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"iss\":\"" + ConnectedApp.DEFAULT_CLIENT_ID
                                + "\",\"sub\":\"integration@emulator.local\",\"aud\":\"https://login.salesforce.com\",\"exp\":9999999999}")
                        .getBytes(StandardCharsets.UTF_8));
        EmulatorClient.Answer jwt = client.form(
                "/services/oauth2/token",
                "grant_type=" + enc(OAuthResource.JWT_GRANT) + "&assertion=eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln");
        assertEquals(400, jwt.status());
        assertEquals("invalid assertion", jwt.json().get("error_description").asText());
        EmulatorClient.Answer badJwt = client.form(
                "/services/oauth2/token", "grant_type=" + enc(OAuthResource.JWT_GRANT) + "&assertion=garbage");
        assertEquals(400, badJwt.status());
        assertEquals("invalid_grant", badJwt.json().get("error").asText());
    }

    @Test
    void missingRevokedAndExpiredTokensGet401() throws Exception {
        EmulatorClient.Answer none = client.get(V + "/limits");
        assertEquals(401, none.status());
        assertEquals("Token", none.header("WWW-Authenticate"));
        assertEquals("INVALID_SESSION_ID", none.json().get(0).get("errorCode").asText());
        assertEquals(
                "Session expired or invalid", none.json().get(0).get("message").asText());

        client.login();
        assertEquals(200, client.get(V + "/limits").status());
        EmulatorClient.Answer revoke = client.get("/services/oauth2/revoke?token=" + enc(client.token));
        assertEquals(200, revoke.status());
        assertEquals(401, client.get(V + "/limits").status());

        client.login();
        Thread.sleep(1100); // token TTL is 1 s in this test
        assertEquals(401, client.get(V + "/limits").status());

        client.login();
        assertEquals(204, client.post("/emulator/expire-tokens", "").status());
        assertEquals(401, client.get(V + "/limits").status());
    }

    @Test
    void versionsAndResourcesAreServed() throws Exception {
        EmulatorClient.Answer versions = client.get("/services/data");
        assertEquals(200, versions.status());
        assertEquals("31.0", versions.json().get(0).get("version").asText());
        assertEquals("Summer '14", versions.json().get(0).get("label").asText());
        assertEquals(
                "68.0",
                versions.json().get(versions.json().size() - 1).get("version").asText());
        client.login();
        EmulatorClient.Answer resources = client.get(V);
        assertEquals(V + "/sobjects", resources.json().get("sobjects").asText());
    }
}
