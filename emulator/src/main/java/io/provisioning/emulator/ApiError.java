package io.provisioning.emulator;

import java.util.List;

/** One Salesforce error element; {@code fields == null} means the element has no "fields" key. */
record ApiError(String message, String errorCode, List<String> fields) {

    static ApiError of(String errorCode, String message) {
        return new ApiError(message, errorCode, null);
    }

    static ApiError of(String errorCode, String message, List<String> fields) {
        return new ApiError(message, errorCode, List.copyOf(fields));
    }
}
