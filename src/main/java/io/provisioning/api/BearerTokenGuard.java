package io.provisioning.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;

/**
 * Lets a request through only with {@code Authorization: Bearer <provisioning.api.token>}. The header is a real
 * request header: the HTTP component's header policy keeps query parameters from standing in for it. Without that
 * header, a {@link SessionCredential} (the admin console's session cookie with its CSRF value) may let it through.
 */
public class BearerTokenGuard {

    /** A guard that lets everything through: for pages a setting leaves open (e.g. /observe/* on loopback). */
    public static final BearerTokenGuard OPEN = new BearerTokenGuard(null);

    private final byte[] expected;
    private final SessionCredential sessions;

    public BearerTokenGuard(String token) {
        this(token, null);
    }

    public BearerTokenGuard(String token, SessionCredential sessions) {
        this.expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.sessions = sessions;
    }

    public void check(Exchange exchange) {
        if (expected == null) {
            return;
        }
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        if (authorization == null && sessions != null && sessions.user(exchange).isPresent()) {
            return;
        }
        // Constant-time comparison, so the token cannot be guessed from response timing.
        if (authorization == null
                || !MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedException(authorization == null ? "Missing bearer token" : "Invalid bearer token");
        }
    }
}
