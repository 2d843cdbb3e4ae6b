package io.provisioning.salesforce;

import java.time.Duration;

/** The application's calls are held back after a failed login; the work waits and is not counted as an attempt. */
public class ApplicationPausedException extends RuntimeException {

    private final Duration remaining;

    public ApplicationPausedException(String application, Duration remaining) {
        this(application, remaining, null);
    }

    /** @param reason the refused login (OAuth error, description, likely cause), or null when not known */
    public ApplicationPausedException(String application, Duration remaining, String reason) {
        super("Calls to " + application + " are held back for " + remaining.toSeconds() + " s after a failed login"
                + (reason == null ? "" : " (" + reason + ")") + "; check its credentials (POST /api/applications/"
                + application + "/verify)");
        this.remaining = remaining;
    }

    public Duration remaining() {
        return remaining;
    }
}
