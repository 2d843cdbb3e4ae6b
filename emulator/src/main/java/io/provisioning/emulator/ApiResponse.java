package io.provisioning.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer; {@code body == null} means no body. */
record ApiResponse(int status, String body, Map<String, String> headers) {

    static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, Json.write(value), new LinkedHashMap<>());
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null, new LinkedHashMap<>());
    }

    static ApiResponse empty(int status) {
        return new ApiResponse(status, null, new LinkedHashMap<>());
    }

    static ApiResponse error(ApiException e) {
        return json(e.status(), Json.errors(e.errors()));
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, body, copy);
    }
}
