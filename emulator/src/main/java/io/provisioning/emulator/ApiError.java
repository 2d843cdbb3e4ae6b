package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Salesforce error element; {@code fields == null} means the element has no "fields" key; {@code
 * duplicateResult} is the detail of a DUPLICATES_DETECTED error (null for every other error).
 */
record ApiError(String message, String errorCode, List<String> fields, ObjectNode duplicateResult) {

    ApiError(String message, String errorCode, List<String> fields) {
        this(message, errorCode, fields, null);
    }

    static ApiError of(String errorCode, String message) {
        return new ApiError(message, errorCode, null);
    }

    static ApiError of(String errorCode, String message, List<String> fields) {
        return new ApiError(message, errorCode, List.copyOf(fields));
    }
}
