package io.provisioning.salesforce;

import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and checks an application's connection settings, failing closed: one {@link InvalidSettingException} per
 * unusable application, naming the setting and the fix. Secrets come from the setting (an environment variable in
 * practice) or from the file named by the setting with {@code -file} appended; they are never part of a message.
 */
final class ConnectionSettings {

    /** A current version (Winter '26) that camel-salesforce 4.18 speaks; older ones are retired over time. */
    static final String DEFAULT_API_VERSION = "65.0";
    /** Versions below this were retired in Summer '25 and answer 410 GONE. */
    static final int OLDEST_API_VERSION = 31;

    /** The generated emulator key's password: it signs only for the emulator on 127.0.0.1, nothing to keep secret. */
    static final String EMULATOR_KEYSTORE_PASSWORD = "emulator-jwt";

    private ConnectionSettings() {}

    /** Where the emulator's generated JWT key of an application lives: beside its emulated org. */
    static Path emulatorKeystore(Settings settings, String prefix) {
        String name = prefix.substring("provisioning.application.".length(), prefix.length() - 1);
        return Path.of(settings.get("provisioning.data.dir"), "orgs", name, "emulator-jwt.p12");
    }

    static SalesforceApplication.Connection read(Settings settings, String prefix) {
        // the JWT settings are read whole, also when the flow does not use them, so every start reads each setting
        String keystoreType = settings.require(prefix + "jwt-keystore-type").toUpperCase(Locale.ROOT);
        Optional<String> keyAlias = settings.find(prefix + "jwt-key-alias");
        Optional<String> audience = settings.find(prefix + "jwt-audience");
        Optional<String> keystorePasswordValue = settings.find(prefix + "jwt-keystore-password");
        Optional<String> keystorePasswordFile = settings.find(prefix + "jwt-keystore-password-file");
        String flowKey = prefix + "authentication-type";
        AuthFlow flow = AuthFlow.parse(flowKey, settings.require(flowKey));
        String loginKey = prefix + "login-url";
        String loginUrl = settings.find(loginKey).orElse(null);
        LoginUrls.refusal(loginKey, loginUrl, flow).ifPresent(reason -> {
            throw new InvalidSettingException(loginKey, reason);
        });
        loginUrl = LoginUrls.normalize(loginUrl);
        boolean emulated = loginUrl.equals(SalesforceApplication.Connection.EMULATOR);
        String clientId = settings.find(prefix + "client-id").orElse(null);
        String clientSecret = secret(settings, prefix + "client-secret");
        String userName = settings.find(prefix + "username").orElse(null);
        String password = secret(settings, prefix + "password");
        String refreshToken = secret(settings, prefix + "refresh-token");
        SalesforceApplication.Jwt jwt = null;
        Optional<String> keystore = settings.find(prefix + "jwt-keystore");
        if (flow == AuthFlow.JWT && emulated && keystore.isEmpty()) {
            // the built-in emulator's own key pair, generated at its first start (EmulatorWiring)
            jwt = new SalesforceApplication.Jwt(
                    emulatorKeystore(settings, prefix),
                    "PKCS12",
                    EMULATOR_KEYSTORE_PASSWORD,
                    null,
                    audience.orElse(null));
        } else if (flow == AuthFlow.JWT) {
            require(
                    keystore.orElse(null),
                    prefix + "jwt-keystore",
                    "the keystore with the private key whose"
                            + " certificate the org's app holds (docs/salesforce-org-setup.md#jwt-bearer)");
            String keystorePassword =
                    secret(prefix + "jwt-keystore-password", keystorePasswordValue, keystorePasswordFile);
            require(keystorePassword, prefix + "jwt-keystore-password", "the keystore's password");
            jwt = new SalesforceApplication.Jwt(
                    io.provisioning.support.ConfigFiles.resolve(keystore.get()),
                    keystoreType,
                    keystorePassword,
                    keyAlias.orElse(null),
                    audience.orElse(null));
            JwtKeys.certificate(jwt, prefix); // opens it now: a wrong path or password stops the start
        }
        if (!emulated) {
            require(clientId, prefix + "client-id", "the app's consumer key");
            switch (flow) {
                case CLIENT_CREDENTIALS -> require(clientSecret, prefix + "client-secret", "the app's consumer secret");
                case USERNAME_PASSWORD -> {
                    require(clientSecret, prefix + "client-secret", "the app's consumer secret");
                    require(userName, prefix + "username", "the integration user's user name");
                    require(
                            password,
                            prefix + "password",
                            "the integration user's password (with its security token appended when the org asks for one)");
                }
                case REFRESH_TOKEN -> require(
                        refreshToken, prefix + "refresh-token", "a refresh token issued to the app");
                case JWT -> require(userName, prefix + "username", "the pre-authorized integration user's user name");
            }
        } else if (flow == AuthFlow.REFRESH_TOKEN) {
            require(refreshToken, prefix + "refresh-token", "a refresh token the emulator issued");
        }
        return new SalesforceApplication.Connection(
                loginUrl,
                flow,
                userName,
                password,
                clientId,
                clientSecret,
                refreshToken,
                jwt,
                settings.find(prefix + "instance-url").map(LoginUrls::normalize).orElse(null),
                apiVersion(settings, prefix + "api-version"));
    }

    private static String apiVersion(Settings settings, String key) {
        String global = settings.get("provisioning.salesforce.api-version");
        String version = settings.find(key).orElse(global);
        String usedKey = settings.find(key).isPresent() ? key : "provisioning.salesforce.api-version";
        if (!version.matches("\\d{2,3}\\.0")) {
            throw new InvalidSettingException(
                    usedKey, usedKey + " '" + version + "' is not an API version: use e.g. " + DEFAULT_API_VERSION);
        }
        if (Integer.parseInt(version.substring(0, version.indexOf('.'))) < OLDEST_API_VERSION) {
            throw new InvalidSettingException(
                    usedKey,
                    usedKey + " " + version + " is retired (versions below " + OLDEST_API_VERSION
                            + ".0 answer 410 GONE since Summer '25): use " + DEFAULT_API_VERSION);
        }
        return version;
    }

    /** The setting's value, else the content of the file named by {@code key-file} (trailing newline dropped). */
    static String secret(Settings settings, String key) {
        return secret(key, settings.find(key), settings.find(key + "-file"));
    }

    private static String secret(String key, Optional<String> value, Optional<String> file) {
        if (value.isPresent()) {
            return value.get();
        }
        if (file.isEmpty()) {
            return null;
        }
        try {
            String content = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8)
                    .strip();
            return content.isEmpty() ? null : content;
        } catch (IOException e) {
            throw new InvalidSettingException(
                    key + "-file",
                    key + "-file " + file.get() + " cannot be read ("
                            + e.getClass().getSimpleName() + "): fix the path or its permissions");
        }
    }

    private static void require(String value, String key, String what) {
        if (value == null || value.isBlank()) {
            String env = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            throw new InvalidSettingException(
                    key,
                    key + " is not set: give " + what + " (environment variable " + env + ", or a file named in " + key
                            + "-file)");
        }
    }
}
