package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import io.provisioning.testsupport.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Fail closed: each unusable connection stops the start with one line naming the setting and the fix. */
class ConnectionSettingsTest {

    private static final String P = "provisioning.application.crm.";
    private static final Path DIR = Path.of("target", "test-data", "connection-settings");

    @Test
    void anEmptyLoginUrlNeverMeansTheEmulator() {
        InvalidSettingException e = refused(props());
        assertEquals(P + "login-url", e.key());
        assertTrue(
                e.getMessage().contains("'emulator'") && e.getMessage().contains("my.salesforce.com"), e.getMessage());
        assertTrue(read(props(P + "login-url", "emulator")).emulated());
    }

    @Test
    void plainHttpIsAllowedOnlyOnLoopbackAndClientCredentialsNeedMyDomain() {
        assertTrue(
                refused(props(P + "login-url", "http://sf.example.com", P + "client-id", "c", P + "client-secret", "s"))
                        .getMessage()
                        .contains("use https"));
        assertEquals(
                "http://127.0.0.1:9999",
                read(props(P + "login-url", "http://127.0.0.1:9999/", P + "client-id", "c", P + "client-secret", "s"))
                        .loginUrl());
        assertTrue(refused(props(
                        P + "login-url",
                        "https://login.salesforce.com",
                        P + "client-id",
                        "c",
                        P + "client-secret",
                        "s"))
                .getMessage()
                .contains("My Domain"));
        assertEquals(
                AuthFlow.CLIENT_CREDENTIALS,
                read(props(
                                P + "login-url",
                                "https://acme.my.salesforce.com",
                                P + "client-id",
                                "c",
                                P + "client-secret",
                                "s"))
                        .flow());
    }

    @Test
    void missingCredentialsNameTheSettingAndItsEnvironmentVariable() {
        InvalidSettingException e =
                refused(props(P + "login-url", "https://acme.my.salesforce.com", P + "client-id", "c"));
        assertEquals(P + "client-secret", e.key());
        assertTrue(e.getMessage().contains("PROVISIONING_APPLICATION_CRM_CLIENT_SECRET"), e.getMessage());
        assertEquals(
                P + "password",
                refused(props(
                                P + "login-url",
                                "https://acme.my.salesforce.com",
                                P + "client-id",
                                "c",
                                P + "client-secret",
                                "s",
                                P + "authentication-type",
                                "USERNAME_PASSWORD",
                                P + "username",
                                "u"))
                        .key());
        assertEquals(
                P + "refresh-token",
                refused(props(
                                P + "login-url",
                                "https://acme.my.salesforce.com",
                                P + "client-id",
                                "c",
                                P + "authentication-type",
                                "REFRESH_TOKEN"))
                        .key());
        assertEquals(
                P + "authentication-type",
                refused(props(P + "login-url", "emulator", P + "authentication-type", "SAML"))
                        .key());
    }

    @Test
    void secretsComeFromFilesAndAreNeverShown() throws Exception {
        Files.createDirectories(DIR);
        Path file = DIR.resolve("secret");
        Files.writeString(file, "s3cr3t-from-file\n");
        SalesforceApplication.Connection connection = read(props(
                P + "login-url",
                "https://acme.my.salesforce.com",
                P + "client-id",
                "c",
                P + "client-secret-file",
                file.toString()));
        assertEquals("s3cr3t-from-file", connection.clientSecret());
        assertFalse(connection.toString().contains("s3cr3t"), connection.toString());
        assertEquals(
                P + "client-secret-file",
                refused(props(
                                P + "login-url",
                                "https://acme.my.salesforce.com",
                                P + "client-id",
                                "c",
                                P + "client-secret-file",
                                DIR.resolve("missing").toString()))
                        .key());
    }

    @Test
    void apiVersionIsPerApplicationAndRetiredVersionsAreRefused() {
        assertEquals(
                ConnectionSettings.DEFAULT_API_VERSION,
                read(props(P + "login-url", "emulator")).apiVersion());
        assertEquals(
                "62.0",
                read(props(P + "login-url", "emulator", P + "api-version", "62.0"))
                        .apiVersion());
        InvalidSettingException retired = refused(props(P + "login-url", "emulator", P + "api-version", "30.0"));
        assertEquals(P + "api-version", retired.key());
        assertTrue(retired.getMessage().contains("410"), retired.getMessage());
    }

    @Test
    void theJwtKeystoreIsOpenedAtStartAndSeveralKeysNeedAnAlias() {
        TestKeys one = TestKeys.generate(DIR, "two-keys", "first");
        TestKeys.add(one.keystore(), "second");
        String[] base = {
            P + "login-url",
            "https://acme.my.salesforce.com",
            P + "authentication-type",
            "JWT",
            P + "client-id",
            "c",
            P + "username",
            "u@acme.com",
            P + "jwt-keystore",
            one.keystore().toString()
        };
        assertEquals(
                P + "jwt-keystore-password",
                refused(props(concat(base, P + "jwt-keystore-password", "wrong")))
                        .key());
        InvalidSettingException ambiguous = refused(props(concat(base, P + "jwt-keystore-password", one.password())));
        assertEquals(P + "jwt-key-alias", ambiguous.key());
        assertTrue(
                ambiguous.getMessage().contains("first")
                        && ambiguous.getMessage().contains("second"),
                ambiguous.getMessage());
        SalesforceApplication.Connection connection =
                read(props(concat(base, P + "jwt-keystore-password", one.password(), P + "jwt-key-alias", "second")));
        assertEquals("second", connection.jwt().alias());
        assertNull(connection.jwt().audience());
        assertEquals(
                P + "jwt-keystore",
                refused(props(
                                P + "login-url",
                                "https://acme.my.salesforce.com",
                                P + "authentication-type",
                                "JWT",
                                P + "client-id",
                                "c",
                                P + "username",
                                "u",
                                P + "jwt-keystore",
                                DIR.resolve("nothing.p12").toString(),
                                P + "jwt-keystore-password",
                                "x"))
                        .key());
    }

    @Test
    void thePasswordFlowIsAcceptedWithAWarningAndNoSecretInTheLog() {
        SalesforceApplication.Connection connection = read(props(
                P + "login-url",
                "https://acme.my.salesforce.com",
                P + "authentication-type",
                "USERNAME_PASSWORD",
                P + "client-id",
                "c",
                P + "client-secret",
                "Cl1ent-S3cret",
                P + "username",
                "u@acme.com",
                P + "password",
                "Passw0rd-S3cret"));
        SalesforceApplication application = new SalesforceApplication(
                "crm",
                "Lead",
                Path.of("unused.yaml"),
                java.util.Set.of(),
                connection,
                new SalesforceApplication.Matching("Email", "email"),
                -1,
                java.util.Set.of());
        try (io.provisioning.testsupport.LogCapture log =
                io.provisioning.testsupport.LogCapture.start("password-flow")) {
            SalesforceConnections.component(application, null, 1000);
            assertTrue(
                    log.text()
                            .contains("WARN SalesforceConnections - Salesforce: application crm logs in with the"
                                    + " username-password flow"),
                    log.text());
            assertFalse(log.text().contains("S3cret"), log.text());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Properties props(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    private static SalesforceApplication.Connection read(Properties properties) {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setOverrideProperties(properties);
        return ConnectionSettings.read(new Settings(camel), P);
    }

    private static InvalidSettingException refused(Properties properties) {
        return assertThrows(InvalidSettingException.class, () -> read(properties));
    }
}
