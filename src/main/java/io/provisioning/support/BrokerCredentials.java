package io.provisioning.support;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user of the embedded broker: {@code provisioning.broker.user} and {@code .password} when both are set;
 * otherwise a random one made at first start and kept owner-only (0600) in {@code <data>/broker-credentials}, like
 * the API token, for other local clients to read. Never logged.
 */
public record BrokerCredentials(String user, String password) {

    public static final String FILE = "broker-credentials";
    private static final Logger LOG = LoggerFactory.getLogger(BrokerCredentials.class);

    @Override
    public String toString() {
        return "BrokerCredentials[user=" + user + ", password=***]";
    }

    /** The credentials of the embedded broker (configured, stored or generated). */
    public static BrokerCredentials forEmbedded(Settings settings, Path dataDir) {
        return forEmbedded(
                settings.find("provisioning.broker.user"), settings.find("provisioning.broker.password"), dataDir);
    }

    /** The credentials of the embedded broker: both configured ones, else the stored or a generated one. */
    public static BrokerCredentials forEmbedded(
            Optional<String> configuredUser, Optional<String> configuredPassword, Path dataDir) {
        String user = configuredUser.orElse(null);
        String password = configuredPassword.orElse(null);
        if (user != null && password != null) {
            return new BrokerCredentials(user, password);
        }
        if (user != null || password != null) {
            throw new InvalidSettingException(
                    user != null ? "provisioning.broker.password" : "provisioning.broker.user",
                    "The embedded broker needs both provisioning.broker.user and provisioning.broker.password, or "
                            + "neither (then a random user is generated)");
        }
        return stored(dataDir.resolve(FILE));
    }

    /** Reads the credentials file of a data folder ({@code user=} and {@code password=} lines). */
    public static BrokerCredentials read(Path file) {
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            String user = properties.getProperty("user");
            String password = properties.getProperty("password");
            if (user == null || user.isBlank() || password == null || password.isBlank()) {
                throw new IllegalStateException(
                        "The broker credentials file " + file + " needs user= and password= lines");
            }
            return new BrokerCredentials(user.trim(), password.trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the broker credentials in " + file, e);
        }
    }

    private static BrokerCredentials stored(Path file) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            OwnerOnly.file(file);
            return read(file);
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("The broker credentials file " + file + " is not a regular file (a link?); "
                    + "remove it or set provisioning.broker.user and provisioning.broker.password");
        }
        SecureRandom random = new SecureRandom();
        byte[] id = new byte[4];
        byte[] secret = new byte[24];
        random.nextBytes(id);
        random.nextBytes(secret);
        BrokerCredentials generated = new BrokerCredentials(
                "provisioning-" + HexFormat.of().formatHex(id), HexFormat.of().formatHex(secret));
        OwnerOnly.writeSecret(
                file,
                "# the embedded broker's user, generated at first start; clients connect with it\n" + "user="
                        + generated.user() + "\npassword=" + generated.password() + "\n");
        LOG.warn(
                "No provisioning.broker.user set: generated the embedded broker's user {} and stored it with its "
                        + "password, readable by this user only, in {}",
                generated.user(),
                file.toAbsolutePath());
        return generated;
    }
}
