package io.provisioning.api;

/** The request cannot be applied to the current state (HTTP 409); the message says why and what to do. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
