package io.provisioning.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Host headers the HTTP server answers; the rest get 421 (see HttpExposureSecurityTest over HTTP). */
class AllowedHostsTest {

    @Test
    void loopbackNamesTheBindAddressPublicUrlsAndExtraNames() {
        AllowedHosts hosts = AllowedHosts.of(
                "10.1.2.3",
                List.of("https://Idm.Example.com/reset-password", ""),
                List.of("provisioning.internal", " "));
        for (String host : List.of(
                "localhost",
                "LOCALHOST:8080",
                "127.0.0.1:8080",
                "[::1]:8080",
                "[::1]",
                "10.1.2.3:8080",
                "idm.example.com",
                "idm.example.com.",
                "provisioning.internal:443")) {
            assertTrue(hosts.allows(host), host);
        }
        for (String host : List.of(
                "evil.example",
                "localhost.evil.example",
                "127.0.0.1.nip.io",
                "localhost@evil.example",
                "::1",
                "[::1",
                "example.com",
                "",
                "10.1.2.4")) {
            assertFalse(hosts.allows(host), host);
        }
        assertFalse(hosts.allows(null));
    }

    @Test
    void aWildcardBindAddsNoName() {
        AllowedHosts hosts = AllowedHosts.of("0.0.0.0", List.of(), List.of());
        assertFalse(hosts.allows("0.0.0.0"));
        assertTrue(hosts.allows("localhost"));
    }
}
