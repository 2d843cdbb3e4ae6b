package io.provisioning.console;

import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The {@code provisioning.console.*} settings: who may sign in, how long a session lives, the cookie's Secure flag. */
public record ConsoleSettings(
        boolean tokenSignIn, Optional<Path> usersFile, Duration sessionIdle, ConsoleAuth.SecureCookie secureCookie) {

    static final String USERS_FILE = "provisioning.console.users-file";
    static final String SECURE_COOKIE = "provisioning.console.secure-cookie";

    public static ConsoleSettings read(Settings settings) {
        String usersFile = settings.get(USERS_FILE).strip();
        return new ConsoleSettings(
                settings.getBoolean("provisioning.console.token-sign-in"),
                usersFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(usersFile)),
                Duration.ofMinutes(settings.getPositiveInt("provisioning.console.session-idle-minutes")),
                secureCookie(settings.get(SECURE_COOKIE)));
    }

    private static ConsoleAuth.SecureCookie secureCookie(String value) {
        try {
            return ConsoleAuth.SecureCookie.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(SECURE_COOKIE, SECURE_COOKIE + " must be auto, true or false");
        }
    }
}
