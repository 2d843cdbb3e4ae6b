package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /services/data/**}: session check, API limit, call counting, fault injection, then the resource.
 * Order as on Salesforce: an invalid session is refused before the limit is counted.
 */
final class ServicesRouter {
    private final TokenStore tokens;
    private final ApiUsage usage;
    private final Persistence persistence;
    private final CallStats stats;
    private final FaultInjector faults;
    private final SObjectResource sobjects;
    private final QueryResource query;
    private final CompositeResource composite;
    private final LongRequests longRequests;

    ServicesRouter(
            TokenStore tokens,
            ApiUsage usage,
            Persistence persistence,
            CallStats stats,
            FaultInjector faults,
            SObjectResource sobjects,
            QueryResource query,
            CompositeResource composite,
            LongRequests longRequests) {
        this.tokens = tokens;
        this.usage = usage;
        this.persistence = persistence;
        this.stats = stats;
        this.faults = faults;
        this.sobjects = sobjects;
        this.query = query;
        this.composite = composite;
        this.longRequests = longRequests;
    }

    /**
     * A call under the concurrent long-request limit: refused at once while too many calls have run for 20 s or
     * more; {@code delay} (the configured latency) counts as the call's own run time.
     */
    ApiResponse handle(ApiRequest request, Runnable delay) {
        long ticket = longRequests.enter();
        if (ticket < 0) {
            return withLimitInfo(ApiResponse.error(
                    new ApiException(403, ApiError.of("REQUEST_LIMIT_EXCEEDED", LongRequests.MESSAGE))));
        }
        try {
            delay.run();
            return handle(request);
        } finally {
            longRequests.exit(ticket);
        }
    }

    /** {@code segments} start with "services","data". */
    ApiResponse handle(ApiRequest request) {
        List<String> segments = request.segments();
        if (segments.size() == 2) {
            return withLimitInfo(ApiResponse.json(200, ApiVersions.list()));
        }
        String version = segments.get(2);
        switch (ApiVersions.status(version)) {
            case RETIRED:
                // UNCERTAIN: the documented status is 410; the body's code and text are not quoted anywhere
                return withLimitInfo(
                        ApiResponse.error(
                                new ApiException(
                                        410,
                                        ApiError.of(
                                                "GONE",
                                                "The requested resource has been retired or removed. Delete or update any references to the resource."))));
            case UNKNOWN:
                return withLimitInfo(ApiResponse.error(ApiException.notFound()));
            default:
                break;
        }
        if (tokens.validate(bearer(request)) == null) {
            return withLimitInfo(ApiResponse.error(
                            new ApiException(401, ApiError.of("INVALID_SESSION_ID", "Session expired or invalid")))
                    .withHeader("WWW-Authenticate", "Token"));
        }
        if (!usage.tryAcquire()) {
            return withLimitInfo(ApiResponse.error(
                    new ApiException(403, ApiError.of("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."))));
        }
        persistence.usageCounted(usage.used());
        List<String> rest = segments.subList(3, segments.size());
        String operation = Operations.classify(request.method(), rest);
        stats.count(operation);
        Supplier<ApiResponse> call = () -> dispatch(request, version, rest);
        Fault fault = faults.take(operation);
        if (fault != null) {
            // applied: the call takes effect, then its answer is lost (timeout) or replaced by the fault's status
            if (fault.applied() && call.get().status() < 300) {
                stats.applied(operation, true);
            } else {
                stats.refused(operation);
            }
            if (fault.timeout()) {
                throw new HangUp(fault.millis());
            }
            return withLimitInfo(ApiResponse.error(
                    new ApiException(fault.status(), ApiError.of(fault.errorCode(), fault.messageOrDefault()))));
        }
        ApiResponse response = call.get();
        if (response.status() < 300) {
            stats.applied(operation, false);
        }
        return withLimitInfo(response);
    }

    private ApiResponse dispatch(ApiRequest request, String version, List<String> rest) {
        try {
            if (rest.isEmpty()) {
                return ApiResponse.json(200, resources(version));
            }
            List<String> tail = rest.subList(1, rest.size());
            return switch (rest.get(0)) {
                case "sobjects" -> sobjects.handle(request, version, tail);
                case "query", "queryAll" -> query.handle(request, version, rest.get(0), tail);
                case "composite" -> composite.handle(request, version, tail);
                case "limits" -> ApiResponse.json(200, LimitControls.limits(usage));
                default -> throw ApiException.notFound();
            };
        } catch (ApiException e) {
            return ApiResponse.error(e);
        }
    }

    private ApiResponse withLimitInfo(ApiResponse response) {
        return response.withHeader("Sforce-Limit-Info", usage.limitInfoHeader());
    }

    static String bearer(ApiRequest request) {
        String header = request.header("Authorization");
        if (header == null) {
            return null;
        }
        for (String scheme : new String[] {"Bearer ", "OAuth "}) {
            if (header.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return header.substring(scheme.length()).trim();
            }
        }
        return null;
    }

    private static ObjectNode resources(String version) {
        ObjectNode node = Json.object();
        String base = "/services/data/" + version + "/";
        for (String r : new String[] {"sobjects", "query", "queryAll", "composite", "limits", "search", "recent"}) {
            node.put(r, base + r);
        }
        return node;
    }
}
