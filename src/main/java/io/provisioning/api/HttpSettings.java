package io.provisioning.api;

import io.provisioning.support.Settings;
import java.util.List;

/**
 * What the HTTP server exposes: bind address and port ({@code provisioning.http.*}, which camel.server.* refer to),
 * extra host names answered, the body size limit (Camel's {@code camel.server.max-body-size}), and whether
 * {@code /observe/*} needs the API token.
 */
public record HttpSettings(
        String host, String port, List<String> allowedHosts, long maxBodySize, boolean observeRequiresToken) {

    public static HttpSettings read(Settings settings) {
        return new HttpSettings(
                settings.require("provisioning.http.host"),
                settings.require("provisioning.http.port"),
                settings.getList("provisioning.http.allowed-hosts"),
                settings.getLong("camel.server.max-body-size"),
                settings.getBoolean("provisioning.observe.require-token"));
    }
}
