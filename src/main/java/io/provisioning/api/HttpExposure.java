package io.provisioning.api;

import java.util.List;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP server exposes, set once for every route: the header policy of the platform-http component
 * ({@link RequestHeaderPolicy}), and a first handler on the server's router that answers 421 to requests for a
 * host it does not serve ({@link AllowedHosts}). The bind address itself is {@code camel.server.host}
 * ({@code provisioning.http.host}, loopback by default); the start-up log says what is open where.
 */
public final class HttpExposure {

    private static final Logger LOG = LoggerFactory.getLogger(HttpExposure.class);
    private static final String BODY = "{\"error\":\"misdirected_request\",\"message\":\"This server does not answer"
            + " for the host named in the request's Host header (allowed hosts: provisioning.http.allowed-hosts)\"}";
    private static final String SCIM_BODY = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],"
            + "\"status\":\"421\",\"detail\":\"This server does not answer for the host named in the request's Host"
            + " header\"}";

    private HttpExposure() {}

    /**
     * @param publicUrls the addresses other features publish (reset page, SCIM base URL): their hosts are answered
     */
    public static void register(CamelContext context, HttpSettings settings, List<String> publicUrls) throws Exception {
        context.getComponent("platform-http", PlatformHttpComponent.class)
                .setHeaderFilterStrategy(new RequestHeaderPolicy());

        String bindHost = settings.host();
        AllowedHosts hosts = AllowedHosts.of(bindHost, publicUrls, settings.allowedHosts());
        context.addStartupListener((started, alreadyStarted) -> {
            for (VertxPlatformHttpRouter router : started.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
                // before every route, also the ones added later (dev mode reloads)
                router.route().order(Integer.MIN_VALUE).handler(routing -> {
                    // the Host header, or HTTP/2's :authority (java.net.http upgrades to h2c)
                    var authority = routing.request().authority();
                    if (authority != null && hosts.allowsName(authority.host())) {
                        routing.next();
                        return;
                    }
                    boolean scim = routing.normalizedPath().startsWith("/scim/");
                    routing.response()
                            .setStatusCode(421)
                            .putHeader("Content-Type", scim ? "application/scim+json" : "application/json")
                            .putHeader("Cache-Control", "no-store")
                            .end(scim ? SCIM_BODY : BODY);
                });
            }
        });

        String port = settings.port();
        boolean loopback = isLoopback(bindHost);
        boolean observeGuarded = settings.observeRequiresToken();
        String line = "HTTP: listening on " + bindHost + ":" + port
                + (loopback
                        ? " (loopback only; set provisioning.http.host to open it to other machines)"
                        : " (reachable from other machines)")
                + "; answers for hosts " + String.join(", ", new TreeSet<>(hosts.names()))
                + "; open without a token: /health, /reset-password, /reports and /mailbox (the pages only)"
                + (observeGuarded
                        ? "; /observe/* and everything else need the API token"
                        : ", /observe/*; everything else needs the API token")
                + (loopback || observeGuarded ? "" : "; set provisioning.observe.require-token=true on an open server");
        if (loopback) {
            LOG.info(line);
        } else {
            LOG.warn(line);
        }
    }

    static boolean isLoopback(String host) {
        return "localhost".equalsIgnoreCase(host)
                || host.startsWith("127.")
                || "::1".equals(host)
                || "[::1]".equals(host);
    }
}
