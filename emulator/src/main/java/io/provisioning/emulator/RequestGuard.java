package io.provisioning.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses what a web page in the user's browser can send to the emulator. The emulator binds loopback, but a page
 * can still reach it: through DNS rebinding (its own name resolving to 127.0.0.1, so the browser sends that name as
 * Host) and through "simple" cross-site requests (a form post with text/plain needs no CORS preflight). So every
 * request must name a loopback host, and every state-changing test control must carry
 * {@code Content-Type: application/json}, which a browser sends cross-site only after a preflight that the emulator
 * never grants (it sends no CORS headers).
 */
final class RequestGuard {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}");

    private RequestGuard() {}

    /** The refusal to answer, or null when the request may go on. */
    static ApiResponse refusal(ApiRequest request) {
        List<String> hosts = request.headers().entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("Host"))
                .flatMap(e -> e.getValue().stream())
                .toList();
        if (hosts.size() != 1 || !isLoopback(hosts.get(0))) {
            return ApiResponse.error(new ApiException(
                    421,
                    ApiError.of(
                            "MISDIRECTED_REQUEST",
                            "The emulator answers only requests for 127.0.0.1, localhost or [::1]")));
        }
        List<String> s = request.segments();
        if (!s.isEmpty()
                && s.get(0).equals("emulator")
                && STATE_CHANGING.contains(request.method())
                && !isJson(request.header("Content-Type"))) {
            return ApiResponse.error(new ApiException(
                    415,
                    ApiError.of(
                            "UNSUPPORTED_MEDIA_TYPE",
                            "Test controls that change the emulator need Content-Type: application/json")));
        }
        return null;
    }

    /** {@code 127.0.0.1}, {@code localhost} or {@code [::1]}, each with or without a port. */
    static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) {
            if (!PORT.matcher(h.substring(colon)).matches()) {
                return false;
            }
            h = h.substring(0, colon);
        }
        return LOOPBACK.contains(h);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().equalsIgnoreCase("application/json");
    }
}
