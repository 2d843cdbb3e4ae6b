package io.provisioning.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.apache.camel.Header;

/** Lets a request through only with {@code Authorization: Bearer <provisioning.api.token>}. */
public class BearerTokenGuard {

    private final byte[] expected;

    public BearerTokenGuard(String token) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    public void check(@Header("Authorization") String authorization) {
        // Constant-time comparison, so the token cannot be guessed from response timing.
        if (authorization == null
                || !MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedException(authorization == null ? "Missing bearer token" : "Invalid bearer token");
        }
    }
}
