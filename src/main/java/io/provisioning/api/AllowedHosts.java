package io.provisioning.api;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The host names the HTTP server answers for (the Host header, port ignored). Anything else is a request meant for
 * another server, or a DNS-rebinding page that pointed its own name at this machine: it gets 421.
 */
record AllowedHosts(Set<String> names) {

    AllowedHosts {
        names = Set.copyOf(names);
    }

    /**
     * localhost and the loopback addresses, the bind address when it is a specific one, the hosts of the public URLs
     * the bundle hands out (reset link, SCIM base URL) and the extra names configured.
     */
    static AllowedHosts of(String bindHost, Collection<String> publicUrls, Collection<String> extra) {
        Set<String> names = new LinkedHashSet<>(Set.of("localhost", "127.0.0.1", "::1"));
        if (bindHost != null && !bindHost.isBlank() && !"0.0.0.0".equals(bindHost) && !"::".equals(bindHost)) {
            names.add(normalize(bindHost));
        }
        for (String url : publicUrls) {
            if (url != null && !url.isBlank()) {
                String host = URI.create(url.trim()).getHost();
                if (host != null) {
                    names.add(normalize(host));
                }
            }
        }
        extra.stream().filter(h -> !h.isBlank()).map(AllowedHosts::normalize).forEach(names::add);
        return new AllowedHosts(names);
    }

    /** Whether a Host header value ({@code name}, {@code name:port}, {@code [v6]:port}) names an allowed host. */
    boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                return false;
            }
            host = host.substring(1, end);
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                if (host.indexOf(':', colon + 1) >= 0) {
                    return false; // an IPv6 literal must be bracketed in a Host header
                }
                host = host.substring(0, colon);
            }
        }
        return allowsName(host);
    }

    /** Whether a host name (an IPv6 literal bracketed or not) is allowed. */
    boolean allowsName(String host) {
        return host != null && !host.isBlank() && names.contains(normalize(host));
    }

    private static String normalize(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
