package io.provisioning.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The header filter strategy of the platform-http component, so of every HTTP route. Camel makes message headers of
 * a request's headers, query parameters and form fields, and response headers of the message headers. This keeps
 * request values from coming back as response headers and from standing in for what only a real header may carry:
 * <ul>
 * <li>out: only the response headers the bundle sets on purpose ({@link #RESPONSE_HEADERS}); no {@code Refresh},
 * nor any internal header; {@code Set-Cookie} only as the console's sign-in sets it;</li>
 * <li>in: those response header names are never taken from a request (except a real {@code Content-Type} header,
 * and a real {@code X-Correlation-Id}, which the bundle checks and sends back on purpose), so whatever carries them
 * in an answer was set by the route; credential and request-describing headers ({@link #HEADER_ONLY}) come only
 * from real headers, never from a query parameter or form field ({@code ?Authorization=Bearer …} does not
 * authenticate).</li>
 * </ul>
 * Name-based on purpose: comparing values would let a query parameter equal to a route's value strip that header.
 */
final class RequestHeaderPolicy extends HttpHeaderFilterStrategy {

    static final Set<String> RESPONSE_HEADERS = Set.of(
            "cache-control",
            "content-disposition",
            "content-security-policy",
            "content-type",
            "etag",
            "location",
            "referrer-policy",
            "retry-after",
            "set-cookie",
            "www-authenticate",
            "x-content-type-options",
            "x-frame-options",
            "x-correlation-id");

    /** Response headers a request may also carry: the route reads them and replaces or checks them itself. */
    static final Set<String> ALSO_REQUEST_HEADERS = Set.of("content-type", "x-correlation-id");

    static final Set<String> HEADER_ONLY = Set.of(
            "authorization",
            "proxy-authorization",
            "cookie",
            "host",
            "forwarded",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-proto",
            "content-type",
            "content-length",
            "accept",
            "if-match",
            "if-none-match",
            "origin",
            "referer",
            "x-correlation-id",
            "x-csrf-token");

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        if (super.applyFilterToExternalHeaders(name, value, exchange)) {
            return true;
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (RESPONSE_HEADERS.contains(key) && !ALSO_REQUEST_HEADERS.contains(key)) {
            return true;
        }
        return HEADER_ONLY.contains(key) && !isRealHeader(name, value, exchange);
    }

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return super.applyFilterToCamelHeaders(name, value, exchange)
                || !RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    private static boolean isRealHeader(String name, Object value, Exchange exchange) {
        if (exchange == null || !(exchange.getIn() instanceof HttpMessage message) || message.getRequest() == null) {
            return false;
        }
        return message.getRequest().headers().getAll(name).contains(String.valueOf(value));
    }
}
