package io.provisioning.console;

import io.provisioning.api.SessionCredential;
import io.provisioning.password.AttemptLimiter;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the admin console (issue 22): the {@code consoleAuth} and {@code consolePage} beans of the console routes.
 * Answers the console's sessions as a {@link SessionCredential}, which the API's guard takes besides its token: the
 * console is a client of {@code /api} and adds no logic of its own.
 */
public final class ConsoleFeature {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeature.class);

    private ConsoleFeature() {}

    public static SessionCredential wire(Registry registry, ConsoleSettings settings, String apiToken) {
        ConsoleUsers users = settings.usersFile()
                .map(file -> ConsoleUsers.load(ConsoleSettings.USERS_FILE, file))
                .orElseGet(ConsoleUsers::none);
        if (!settings.tokenSignIn() && !users.any()) {
            LOG.warn(
                    "Console: token sign-in is off and {} names no users: nobody can sign in",
                    ConsoleSettings.USERS_FILE);
        }
        ConsoleAuth auth = new ConsoleAuth(
                apiToken,
                settings.tokenSignIn(),
                users,
                new ConsoleSessions(settings.sessionIdle(), Clock.systemUTC()),
                settings.secureCookie(),
                // ten failed sign-ins per client address in 15 minutes, then it waits
                new AttemptLimiter(10, Duration.ofMinutes(15), Clock.systemUTC()));
        registry.bind("consoleAuth", auth);
        registry.bind("consolePage", new ConsolePage());
        LOG.info(
                "Console: /console, sign-in with {}{}",
                settings.tokenSignIn() ? "the API token" : "console users only",
                users.any() ? " or one of " + users.size() + " console user(s)" : "");
        return auth;
    }
}
