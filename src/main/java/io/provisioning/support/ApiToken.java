package io.provisioning.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's bearer token: {@code provisioning.api.token} when set; otherwise one generated at first start, kept
 * owner-only (0600) in the data folder so it survives restarts. The log names the file and the token's first
 * characters, never the whole token.
 */
public final class ApiToken {

    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);
    public static final String FILE = "api-token";
    private static final int SHOWN = 4;

    private ApiToken() {}

    public static String resolve(Settings settings, Path dataDir) {
        return settings.find("provisioning.api.token").orElseGet(() -> generated(dataDir.resolve(FILE)));
    }

    /** What the log may say of a secret: its first characters, enough to tell two apart. */
    public static String hint(String secret) {
        return secret.length() <= SHOWN * 2 ? "…" : secret.substring(0, SHOWN) + "…";
    }

    private static String generated(Path file) {
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                OwnerOnly.file(file);
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("The API token file " + file + " is not a regular file (a link?); "
                        + "remove it or set provisioning.api.token");
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            OwnerOnly.writeSecret(file, token + "\n");
            LOG.warn(
                    "No provisioning.api.token set: generated one ({}) and stored it, readable by this user only, in {}. "
                            + "Use it as 'Authorization: Bearer <the file's content>'",
                    hint(token),
                    file.toAbsolutePath());
            return token;
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot read or store the generated API token in " + file, e);
        }
    }
}
