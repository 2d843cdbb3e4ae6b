package io.provisioning.salesforce;

import java.time.Duration;

/** The application's calls are held back after a failed login; the work waits and is not counted as an attempt. */
public class ApplicationPausedException extends RuntimeException {

    private final Duration remaining;

    public ApplicationPausedException(String application, Duration remaining) {
        super("Calls to " + application + " are held back for " + remaining.toSeconds()
                + " s after a failed login; check its credentials (POST /api/applications/" + application + "/verify)");
        this.remaining = remaining;
    }

    public Duration remaining() {
        return remaining;
    }
}
