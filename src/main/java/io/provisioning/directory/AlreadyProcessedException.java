package io.provisioning.directory;

/** The request was applied before (its key is in {@code processed_request}); nothing was changed this time. */
public class AlreadyProcessedException extends RuntimeException {

    public AlreadyProcessedException(String requestKey) {
        super("Request " + requestKey + " was already applied");
    }
}
