package io.provisioning.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's bearer token: {@code provisioning.api.token} when set; otherwise one generated at first start, kept
 * in the data folder so it survives restarts, and logged once when it is made.
 */
public final class ApiToken {

    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);

    private ApiToken() {
    }

    public static String resolve(Settings settings, Path dataDir) {
        return settings.find("provisioning.api.token").orElseGet(() -> generated(dataDir.resolve("api-token")));
    }

    private static String generated(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            LOG.warn("No provisioning.api.token set: generated one and stored it in {}. Use it as "
                    + "'Authorization: Bearer {}'", file, token);
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or store the generated API token in " + file, e);
        }
    }
}
