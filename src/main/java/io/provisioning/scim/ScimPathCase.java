package io.provisioning.scim;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * SCIM endpoint names in any case ({@code /scim/v2/users}, {@code /Scim/V2/USERS/{id}}): names are case-insensitive in
 * SCIM (RFC 7644 §3.10) and some identity providers spell the resource endpoints that way. The HTTP router matches
 * paths exactly, so such a request is rerouted to the canonical path before routing, with its query string.
 */
public final class ScimPathCase {

    private static final String PREFIX = "/scim/v2/";
    private static final List<String> ENDPOINTS =
            List.of("Users", "Groups", "ServiceProviderConfig", "Schemas", "ResourceTypes", "Bulk", "Me");

    private ScimPathCase() {}

    /** The canonical spelling of a SCIM path, or null when the path is canonical already or not a SCIM endpoint. */
    static String canonical(String path) {
        if (path == null || !path.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        int end = path.indexOf('/', PREFIX.length());
        String segment = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
        for (String endpoint : ENDPOINTS) {
            if (endpoint.equalsIgnoreCase(segment)) {
                String fixed = PREFIX + endpoint + (end < 0 ? "" : path.substring(end));
                return fixed.equals(path) ? null : fixed;
            }
        }
        return null;
    }

    /** Adds the rerouting handler, first in order, to the HTTP server's router once the server is up. */
    public static void register(CamelContext context) throws Exception {
        context.addStartupListener((started, alreadyStarted) -> {
            for (VertxPlatformHttpRouter router : started.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
                router.route().order(-100).handler(routing -> {
                    String fixed = canonical(routing.request().path());
                    if (fixed == null) {
                        routing.next();
                    } else {
                        String query = routing.request().query();
                        routing.reroute(routing.request().method(), query == null ? fixed : fixed + "?" + query);
                    }
                });
            }
        });
    }
}
