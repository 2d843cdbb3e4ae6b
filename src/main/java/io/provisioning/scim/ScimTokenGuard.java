package io.provisioning.scim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.apache.camel.Header;

/**
 * Lets a SCIM request through only with {@code Authorization: Bearer <one of provisioning.scim.tokens>} (one token
 * per identity provider, separate from the admin API token). Tokens are compared as SHA-256 digests with a
 * constant-time comparison, against every configured token. Without tokens SCIM is disabled: 404 with a clear detail.
 */
public class ScimTokenGuard {

    private final List<byte[]> digests;

    public ScimTokenGuard(List<String> tokens) {
        this.digests = tokens.stream().filter(t -> !t.isBlank()).map(ScimTokenGuard::digest).toList();
    }

    public boolean enabled() {
        return !digests.isEmpty();
    }

    public void check(@Header("Authorization") String authorization) {
        if (digests.isEmpty()) {
            throw new ScimException(404, null, "SCIM is disabled: no provisioning.scim.tokens (PROVISIONING_SCIM_TOKENS) configured");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ScimException.unauthorized("A bearer token is required");
        }
        byte[] given = digest(authorization.substring(7).trim());
        boolean match = false;
        for (byte[] expected : digests) {
            match |= MessageDigest.isEqual(expected, given);
        }
        if (!match) {
            throw ScimException.unauthorized("The bearer token is not valid");
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
