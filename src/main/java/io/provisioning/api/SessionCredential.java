package io.provisioning.api;

import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * A second way into {@code /api} besides the bearer token: a signed-in browser session of the admin console. An
 * implementation answers the session's user when the request carries a live one, and refuses a state-changing
 * request without the session's anti-forgery value ({@link ForbiddenException}).
 */
public interface SessionCredential {

    Optional<String> user(Exchange exchange);
}
