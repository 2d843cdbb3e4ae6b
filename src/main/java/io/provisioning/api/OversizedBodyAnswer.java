package io.provisioning.api;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Answers a request body over {@code camel.server.max-body-size} with the API's JSON error shape. Vert.x refuses such
 * a body before any route sees it; without a failure handler for it, it answers a bare status and logs every refusal
 * as an unhandled router error.
 */
public final class OversizedBodyAnswer {

    private OversizedBodyAnswer() {}

    /** Registers the handler on the HTTP server's router once the server is up (the router is named by its port). */
    public static void register(CamelContext context, long maxBodyBytes) throws Exception {
        String message = "the request body is larger than " + maxBodyBytes + " bytes";
        String body = "{\"error\":\"payload_too_large\",\"message\":\"" + message + "\"}";
        // SCIM clients expect RFC 7644's error shape
        String scimBody =
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"413\",\"detail\":\""
                        + message + "\"}";
        context.addStartupListener((started, alreadyStarted) -> {
            for (VertxPlatformHttpRouter router : started.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
                router.route().failureHandler(routing -> {
                    if (routing.statusCode() == 413 && !routing.response().ended()) {
                        boolean scim = routing.normalizedPath().startsWith("/scim/");
                        routing.response()
                                .setStatusCode(413)
                                .putHeader("Content-Type", scim ? "application/scim+json" : "application/json")
                                .end(scim ? scimBody : body);
                    } else {
                        routing.next();
                    }
                });
            }
        });
    }
}
