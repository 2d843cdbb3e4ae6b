package io.provisioning.api;

/** No job with that id. */
public class JobNotFoundException extends RuntimeException {
    public JobNotFoundException(String id) {
        super("No job with id '" + id + "'");
    }
}
