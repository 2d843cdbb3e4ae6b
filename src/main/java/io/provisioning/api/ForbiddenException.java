package io.provisioning.api;

/** A request with a valid credential that may still not do this (e.g. a console change without its CSRF value). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
