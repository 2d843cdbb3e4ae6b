package io.provisioning;

import io.provisioning.api.SessionCredential;
import io.provisioning.console.ConsoleBeans;
import io.provisioning.support.Settings;
import org.apache.camel.CamelContext;

/**
 * Start-up wiring of the admin console (issue 22): its page and sign-in beans. Its signed-in sessions are answered
 * as a second credential of {@code /api}, so the console is a client of the same API and adds no logic of its own.
 */
final class ConsoleWiring {

    private ConsoleWiring() {}

    static SessionCredential register(CamelContext context, Settings settings, String apiToken) {
        return ConsoleBeans.register(context.getRegistry(), settings, apiToken);
    }
}
