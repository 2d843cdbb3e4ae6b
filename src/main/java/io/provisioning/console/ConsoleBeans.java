package io.provisioning.console;

import io.provisioning.api.SessionCredential;
import io.provisioning.password.AttemptLimiter;
import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's beans from its {@code provisioning.console.*} settings. */
public final class ConsoleBeans {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleBeans.class);
    static final String USERS_FILE = "provisioning.console.users-file";
    static final String SECURE_COOKIE = "provisioning.console.secure-cookie";

    private ConsoleBeans() {}

    public static SessionCredential register(Registry registry, Settings settings, String apiToken) {
        String usersFile = settings.get(USERS_FILE, "").strip();
        ConsoleUsers users =
                usersFile.isEmpty() ? ConsoleUsers.none() : ConsoleUsers.load(USERS_FILE, Path.of(usersFile));
        boolean tokenSignIn = settings.getBoolean("provisioning.console.token-sign-in", true);
        if (!tokenSignIn && !users.any()) {
            LOG.warn("Console: token sign-in is off and {} names no users: nobody can sign in", USERS_FILE);
        }
        ConsoleSessions sessions = new ConsoleSessions(
                Duration.ofMinutes(settings.getLong("provisioning.console.session-idle-minutes", 30)),
                Clock.systemUTC());
        ConsoleAuth auth = new ConsoleAuth(
                apiToken,
                tokenSignIn,
                users,
                sessions,
                secureCookie(settings.get(SECURE_COOKIE, "auto")),
                // ten failed sign-ins per client address in 15 minutes, then it waits
                new AttemptLimiter(10, Duration.ofMinutes(15), Clock.systemUTC()));
        registry.bind("consoleAuth", auth);
        registry.bind("consolePage", new ConsolePage());
        LOG.info(
                "Console: /console, sign-in with {}{}",
                tokenSignIn ? "the API token" : "console users only",
                users.any() ? " or one of " + users.size() + " console user(s)" : "");
        return auth;
    }

    private static ConsoleAuth.SecureCookie secureCookie(String value) {
        try {
            return ConsoleAuth.SecureCookie.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(SECURE_COOKIE, SECURE_COOKIE + " must be auto, true or false");
        }
    }
}
