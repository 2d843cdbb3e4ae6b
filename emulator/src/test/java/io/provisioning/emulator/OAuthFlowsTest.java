package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every OAuth flow through the real camel-salesforce component against an emulator that checks its client as an org
 * does: success, token expiry and re-login, and each refusal with Salesforce's error and description.
 */
class OAuthFlowsTest {
    private static final Path KEYS = Path.of("target", "test-data", "oauth-flows");
    private static TestKeys registered;
    private static TestKeys foreign;
    private static SalesforceEmulator emulator;
    private static SalesforceEmulator strictOrg;

    @BeforeAll
    static void start() throws Exception {
        registered = TestKeys.generate(KEYS, "registered", "jwt");
        foreign = TestKeys.generate(KEYS, "foreign", "jwt");
        emulator = new SalesforceEmulator(EmulatorSettings.defaults()
                .withPort(0)
                .withApp(ConnectedApp.defaults().withCertificates(List.of(registered.certificate()))));
        emulator.start();
        strictOrg = new SalesforceEmulator(EmulatorSettings.defaults()
                .withPort(0)
                .withApp(ConnectedApp.defaults().withPasswordFlowAllowed(false)));
        strictOrg.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
        strictOrg.close();
    }

    @Test
    void clientCredentialsLogsInAndLogsInAgainAfterTheTokensExpire() throws Exception {
        try (Bundle bundle = new Bundle(emulator, AuthenticationType.CLIENT_CREDENTIALS, sf -> {})) {
            assertTrue(bundle.query().path("done").asBoolean());
            long tokens = calls().path("byOperation").path("token").asLong();
            new EmulatorClient(emulator).post("/emulator/expire-tokens", "");
            assertTrue(bundle.query().path("done").asBoolean());
            assertEquals(tokens + 1, calls().path("byOperation").path("token").asLong(), "one new login");
        }
    }

    @Test
    void wrongSecretAndUnknownClientAreRefusedAsAnOrgRefusesThem() throws Exception {
        assertRefused(
                AuthenticationType.CLIENT_CREDENTIALS,
                sf -> sf.setClientSecret("not-the-secret"),
                "invalid_client",
                "invalid client credentials");
        assertRefused(
                AuthenticationType.CLIENT_CREDENTIALS,
                sf -> sf.setClientId("3MVG9unknown"),
                "invalid_client_id",
                "client identifier invalid");
    }

    @Test
    void jwtSignedWithTheRegisteredKeyLogsInAndLogsInAgain() throws Exception {
        try (Bundle bundle = new Bundle(emulator, AuthenticationType.JWT, sf -> sf.setKeystore(keystore(registered)))) {
            assertTrue(bundle.query().path("done").asBoolean());
            new EmulatorClient(emulator).post("/emulator/expire-tokens", "");
            assertTrue(bundle.query().path("done").asBoolean());
        }
    }

    @Test
    void jwtWithAForeignKeyAWrongAudienceOrAWrongIssuerIsRefused() throws Exception {
        assertRefused(
                AuthenticationType.JWT, sf -> sf.setKeystore(keystore(foreign)), "invalid_grant", "invalid assertion");
        assertRefused(
                AuthenticationType.JWT,
                sf -> {
                    sf.setKeystore(keystore(registered));
                    sf.setJwtAudience("https://example.my.salesforce.com");
                },
                "invalid_grant",
                "Audience validation failed");
        assertRefused(
                AuthenticationType.JWT,
                sf -> {
                    sf.setKeystore(keystore(registered));
                    sf.setClientId("3MVG9someoneelse");
                },
                "invalid_client_id",
                "client identifier invalid");
        assertRefused(
                AuthenticationType.JWT,
                sf -> {
                    sf.setKeystore(keystore(registered));
                    sf.setUserName("nobody@example.com");
                },
                "invalid_grant",
                "user hasn't approved this consumer");
    }

    @Test
    void anExpiredJwtIsRefused() throws Exception {
        long past = System.currentTimeMillis() / 1000 - 60;
        String assertion =
                sign("{\"iss\":\"" + ConnectedApp.DEFAULT_CLIENT_ID + "\",\"sub\":\"integration@emulator.local\","
                        + "\"aud\":\"" + emulator.baseUrl() + "\",\"exp\":" + past + "}");
        EmulatorClient.Answer answer = new EmulatorClient(emulator)
                .form(
                        "/services/oauth2/token",
                        "grant_type=" + enc(OAuthResource.JWT_GRANT) + "&assertion=" + enc(assertion));
        assertEquals(400, answer.status());
        assertEquals("invalid_grant", answer.json().path("error").asText());
        assertEquals(
                "expired authorization code",
                answer.json().path("error_description").asText());
        String fresh =
                sign("{\"iss\":\"" + ConnectedApp.DEFAULT_CLIENT_ID + "\",\"sub\":\"integration@emulator.local\","
                        + "\"aud\":\"https://login.salesforce.com\",\"exp\":" + (past + 360) + "}");
        assertEquals(
                200,
                new EmulatorClient(emulator)
                        .form(
                                "/services/oauth2/token",
                                "grant_type=" + enc(OAuthResource.JWT_GRANT) + "&assertion=" + enc(fresh))
                        .status());
    }

    @Test
    void refreshTokenLogsInAndAnUnknownOneIsRefused() throws Exception {
        String refreshToken = new EmulatorClient(emulator)
                .form(
                        "/services/oauth2/token",
                        "grant_type=password&client_id="
                                + ConnectedApp.DEFAULT_CLIENT_ID + "&client_secret="
                                + ConnectedApp.DEFAULT_CLIENT_SECRET + "&username="
                                + enc("integration@emulator.local") + "&password=emulator")
                .json()
                .path("refresh_token")
                .asText();
        try (Bundle bundle =
                new Bundle(emulator, AuthenticationType.REFRESH_TOKEN, sf -> sf.setRefreshToken(refreshToken))) {
            assertTrue(bundle.query().path("done").asBoolean());
            new EmulatorClient(emulator).post("/emulator/expire-tokens", "");
            assertTrue(bundle.query().path("done").asBoolean());
        }
        assertRefused(
                AuthenticationType.REFRESH_TOKEN,
                sf -> sf.setRefreshToken("5Aep861unknown"),
                "invalid_grant",
                "expired access/refresh token");
    }

    @Test
    void passwordFlowWorksWhereAllowedAndIsRefusedWhereTheOrgBlocksIt() throws Exception {
        try (Bundle bundle = new Bundle(emulator, AuthenticationType.USERNAME_PASSWORD, sf -> {})) {
            assertTrue(bundle.query().path("done").asBoolean());
        }
        try (Bundle bundle = new Bundle(strictOrg, AuthenticationType.USERNAME_PASSWORD, sf -> {})) {
            SalesforceException refused = refusal(bundle);
            assertEquals("invalid_grant", refused.getErrors().get(0).getErrorCode());
            assertTrue(refused.getMessage().contains("authentication failure"), refused.getMessage());
        }
    }

    private static void assertRefused(
            AuthenticationType type, Consumer<SalesforceComponent> setup, String error, String description)
            throws Exception {
        try (Bundle bundle = new Bundle(emulator, type, setup)) {
            SalesforceException refused = refusal(bundle);
            assertEquals(400, refused.getStatusCode());
            assertEquals(error, refused.getErrors().get(0).getErrorCode());
            assertTrue(
                    refused.getErrors().get(0).getMessage().contains("description:[" + description + "]"),
                    refused.getErrors().get(0).getMessage());
        }
    }

    private static SalesforceException refusal(Bundle bundle) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, bundle::query);
        Throwable cause = e.getCause();
        while (!(cause instanceof SalesforceException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return assertInstanceOf(SalesforceException.class, cause);
    }

    private static KeyStoreParameters keystore(TestKeys keys) {
        KeyStoreParameters parameters = new KeyStoreParameters();
        parameters.setResource("file:" + keys.keystore());
        parameters.setType("PKCS12");
        parameters.setPassword(keys.password());
        return parameters;
    }

    private static String sign(String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String text = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(registered.privateKey());
        signature.update(text.getBytes(StandardCharsets.UTF_8));
        return text + "." + b64.encodeToString(signature.sign());
    }

    private static JsonNode calls() throws Exception {
        return new EmulatorClient(emulator).get("/emulator/calls").json();
    }

    /** A Camel context with one camel-salesforce component logged in with {@code type}. */
    private static final class Bundle implements AutoCloseable {
        private final DefaultCamelContext camel = new DefaultCamelContext();
        private final ProducerTemplate template;

        Bundle(SalesforceEmulator org, AuthenticationType type, Consumer<SalesforceComponent> setup) throws Exception {
            SalesforceComponent sf = new SalesforceComponent();
            sf.setLoginUrl(org.baseUrl());
            sf.setAuthenticationType(type);
            sf.setClientId(ConnectedApp.DEFAULT_CLIENT_ID);
            sf.setClientSecret(ConnectedApp.DEFAULT_CLIENT_SECRET);
            sf.setUserName("integration@emulator.local");
            sf.setPassword("emulator");
            sf.setLazyLogin(true);
            sf.setHttpRequestTimeout(3000);
            setup.accept(sf);
            camel.addComponent("salesforce", sf);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:query").to("salesforce:query?rawPayload=true");
                }
            });
            camel.start();
            template = camel.createProducerTemplate();
        }

        JsonNode query() {
            try {
                return EmulatorClient.MAPPER.readTree(camel.getTypeConverter()
                        .convertTo(String.class, template.requestBody("direct:query", "SELECT Id FROM Lead")));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            camel.stop();
        }
    }
}
