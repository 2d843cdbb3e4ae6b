package io.provisioning.api;

/** The request has no valid bearer token. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
