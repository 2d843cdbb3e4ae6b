package io.provisioning.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Header;

/**
 * Lets a request through only with {@code Authorization: Bearer <provisioning.api.token>}. The header is a real
 * request header: the HTTP component's header policy keeps query parameters from standing in for it.
 */
public class BearerTokenGuard {

    /** A guard that lets everything through: for pages a setting leaves open (e.g. /observe/* on loopback). */
    public static final BearerTokenGuard OPEN = new BearerTokenGuard(null);

    private final byte[] expected;

    public BearerTokenGuard(String token) {
        this.expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    public void check(@Header("Authorization") String authorization) {
        if (expected == null) {
            return;
        }
        // Constant-time comparison, so the token cannot be guessed from response timing.
        if (authorization == null
                || !MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedException(authorization == null ? "Missing bearer token" : "Invalid bearer token");
        }
    }
}
