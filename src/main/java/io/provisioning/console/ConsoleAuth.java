package io.provisioning.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.api.ForbiddenException;
import io.provisioning.api.SessionCredential;
import io.provisioning.api.UnauthorizedException;
import io.provisioning.password.AttemptLimiter;
import io.provisioning.requests.FieldError;
import io.provisioning.requests.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, the current session and sign-out of {@code /console/session}, and the session as a credential of
 * {@code /api} (see {@link SessionCredential}): a change (any method but GET and HEAD) needs the session's CSRF value
 * in the {@code X-CSRF-Token} header, which only the console's own script can read (from the sign-in answer).
 * Sign-in takes JSON only, so a cross-site form cannot sign a browser in to someone else's session.
 */
public final class ConsoleAuth implements SessionCredential {

    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuth.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code auto}: Secure when the request came over https; {@code true}/{@code false} whatever the scheme. */
    enum SecureCookie {
        AUTO,
        TRUE,
        FALSE
    }

    private final byte[] apiToken;
    private final boolean tokenSignIn;
    private final ConsoleUsers users;
    private final ConsoleSessions sessions;
    private final SecureCookie secure;
    private final AttemptLimiter limiter;

    ConsoleAuth(
            String apiToken,
            boolean tokenSignIn,
            ConsoleUsers users,
            ConsoleSessions sessions,
            SecureCookie secure,
            AttemptLimiter limiter) {
        this.apiToken = apiToken.getBytes(StandardCharsets.UTF_8);
        this.tokenSignIn = tokenSignIn;
        this.users = users;
        this.sessions = sessions;
        this.secure = secure;
        this.limiter = limiter;
    }

    /** {@code POST /console/session}: {@code {"token"}} or {@code {"userName","password"}} → session cookie. */
    public Map<String, Object> signIn(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ForbiddenException("Sign-in takes a JSON body (Content-Type: application/json)");
        }
        String client = clientAddress(exchange);
        if (limiter.blocked(client)) {
            throw new UnauthorizedException("Too many failed sign-ins; wait a few minutes and try again");
        }
        JsonNode body = parse(exchange.getMessage().getBody(String.class));
        Optional<String> user = authenticate(body);
        if (user.isEmpty()) {
            limiter.failed(client);
            LOG.warn("Console sign-in refused from {}", client);
            throw new UnauthorizedException(
                    body.hasNonNull("token") ? "The API token is wrong" : "The user name or password is wrong");
        }
        ConsoleSessions.Session session = sessions.open(user.get());
        exchange.getMessage().setHeader("Set-Cookie", cookie(exchange).set(session.id()));
        LOG.info("Console: {} signed in", user.get());
        return view(session);
    }

    /** {@code GET /console/session}: who is signed in, and the CSRF value; 401 when no live session. */
    public Map<String, Object> current(Exchange exchange) {
        return view(session(exchange).orElseThrow(() -> new UnauthorizedException("Not signed in")));
    }

    /** {@code DELETE /console/session}: ends the session (CSRF value required) and clears the cookie. */
    public Map<String, Object> signOut(Exchange exchange) {
        Optional<ConsoleSessions.Session> session = session(exchange);
        session.ifPresent(s -> requireCsrf(exchange, s));
        session.ifPresent(s -> sessions.close(s.id()));
        exchange.getMessage().setHeader("Set-Cookie", cookie(exchange).clear());
        return Map.of("signedOut", true);
    }

    @Override
    public Optional<String> user(Exchange exchange) {
        Optional<ConsoleSessions.Session> session = session(exchange);
        session.ifPresent(s -> {
            String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, "GET", String.class);
            if (!SAFE_METHODS.contains(method)) {
                requireCsrf(exchange, s);
            }
        });
        return session.map(ConsoleSessions.Session::user);
    }

    private Optional<ConsoleSessions.Session> session(Exchange exchange) {
        return SessionCookie.read(exchange.getMessage().getHeader("Cookie", String.class))
                .flatMap(sessions::find);
    }

    private static void requireCsrf(Exchange exchange, ConsoleSessions.Session session) {
        String sent = exchange.getMessage().getHeader(CSRF_HEADER, String.class);
        if (sent == null
                || !MessageDigest.isEqual(
                        session.csrf().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenException("Missing or wrong " + CSRF_HEADER + " header; reload the console");
        }
    }

    private Optional<String> authenticate(JsonNode body) {
        if (body.hasNonNull("token")) {
            if (!tokenSignIn) {
                throw invalid("token", "sign-in with the API token is switched off; use a console user");
            }
            byte[] sent = body.get("token").asText().trim().getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(apiToken, sent) ? Optional.of("api-token") : Optional.empty();
        }
        List<FieldError> errors = new ArrayList<>();
        String name = text(body, "userName");
        // a password is taken as typed: spaces are part of it
        String password = body.hasNonNull("password") ? body.get("password").asText() : "";
        if (name.isEmpty()) {
            errors.add(new FieldError("userName", "is required"));
        }
        if (password.isEmpty()) {
            errors.add(new FieldError("password", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Sign-in needs a user name and password", errors);
        }
        if (!users.any()) {
            throw invalid("userName", "no console users are configured; sign in with the API token");
        }
        return users.authenticate(name, password.toCharArray());
    }

    private SessionCookie cookie(Exchange exchange) {
        return new SessionCookie(
                switch (secure) {
                    case TRUE -> true;
                    case FALSE -> false;
                    case AUTO -> exchange.getIn() instanceof HttpMessage message
                            && message.getRequest() != null
                            && message.getRequest().isSSL();
                });
    }

    private Map<String, Object> view(ConsoleSessions.Session session) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("user", session.user());
        view.put("csrfToken", session.csrf());
        view.put("idleMinutes", sessions.idle().toMinutes());
        return view;
    }

    private static String clientAddress(Exchange exchange) {
        if (exchange.getIn() instanceof HttpMessage message
                && message.getRequest() != null
                && message.getRequest().remoteAddress() != null) {
            return message.getRequest().remoteAddress().hostAddress();
        }
        return "unknown";
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        throw new InvalidRequestException("Sign-in needs a JSON object", List.of());
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? "" : value.asText().trim();
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(message, List.of(new FieldError(field, message)));
    }
}
