package io.provisioning.security;

import io.provisioning.Application;
import io.provisioning.testsupport.TestEnvironment;
import org.apache.camel.main.Main;

/**
 * Starts a whole bundle in this JVM with a test environment's settings, as the security tests probe it from outside.
 */
final class Security {

    private Security() {}

    static Main start(TestEnvironment env) throws Exception {
        Main bundle = new Main();
        bundle.setPropertyPlaceholderLocations(Application.CONFIG_LOCATION);
        env.properties().forEach(bundle::addOverrideProperty);
        bundle.start();
        return bundle;
    }
}
