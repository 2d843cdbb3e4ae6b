package io.provisioning.emulator;

import java.util.List;

/** A Salesforce error answer: HTTP status plus the error array. */
final class ApiException extends RuntimeException {
    private final int status;
    private final transient List<ApiError> errors;

    ApiException(int status, List<ApiError> errors) {
        super(
                errors.isEmpty()
                        ? "status " + status
                        : errors.get(0).errorCode() + ": " + errors.get(0).message(),
                null,
                false,
                false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    ApiException(int status, ApiError error) {
        this(status, List.of(error));
    }

    static ApiException badRequest(String errorCode, String message) {
        return new ApiException(400, ApiError.of(errorCode, message));
    }

    static ApiException notFound() {
        return new ApiException(404, ApiError.of("NOT_FOUND", "The requested resource does not exist"));
    }

    int status() {
        return status;
    }

    List<ApiError> errors() {
        return errors;
    }
}
