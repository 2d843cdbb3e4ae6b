package io.provisioning.console;

import java.util.Optional;

/**
 * The console's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page makes the
 * browser send it), Path=/ (it also authenticates the console's calls to {@code /api}), Secure when the console is
 * reached over https. No Max-Age: it goes with the browser session; the server ends it sooner when idle.
 */
record SessionCookie(boolean secure) {

    static final String NAME = "provisioning_console";

    String set(String sessionId) {
        return NAME + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    String clear() {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The session id from a request's {@code Cookie} header, if it carries this cookie. */
    static Optional<String> read(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        for (String pair : cookieHeader.split(";")) {
            String trimmed = pair.strip();
            if (trimmed.startsWith(NAME + "=")) {
                String value = trimmed.substring(NAME.length() + 1);
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
