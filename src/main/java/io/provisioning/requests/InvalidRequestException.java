package io.provisioning.requests;

import java.util.List;

/** The request body cannot be accepted; carries every field error found, not just the first. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> fieldErrors;

    public InvalidRequestException(String message, List<FieldError> fieldErrors) {
        super(message);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public List<FieldError> getFieldErrors() {
        return fieldErrors;
    }
}
