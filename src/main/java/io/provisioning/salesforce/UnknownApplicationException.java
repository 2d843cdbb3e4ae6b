package io.provisioning.salesforce;

/** No application of that name is configured. */
public class UnknownApplicationException extends RuntimeException {
    public UnknownApplicationException(String name) {
        super("No application named '" + name + "'");
    }
}
