package io.provisioning.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Decodes HTTP exchanges, applies latency and faults of the token endpoint, routes, and writes the answer. */
final class HttpFront implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(HttpFront.class.getName());
    private final Latency latency;
    private final FaultInjector faults;
    private final CallStats stats;
    private final OAuthResource oauth;
    private final ServicesRouter services;
    private final ControlResource controls;

    HttpFront(
            Latency latency,
            FaultInjector faults,
            CallStats stats,
            OAuthResource oauth,
            ServicesRouter services,
            ControlResource controls) {
        this.latency = latency;
        this.faults = faults;
        this.stats = stats;
        this.oauth = oauth;
        this.services = services;
        this.controls = controls;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            ApiRequest request = decode(exchange);
            ApiResponse response = RequestGuard.refusal(request);
            try {
                if (response == null) {
                    response = route(request);
                }
            } catch (HangUp hang) {
                sleep(hang.millis());
                exchange.close(); // no headers sent: the connection is dropped unanswered
                return;
            } catch (ApiException e) {
                response = ApiResponse.error(e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "emulator failure on " + request.method() + " " + request.path(), e);
                response = ApiResponse.error(new ApiException(
                        500,
                        ApiError.of(
                                "UNKNOWN_EXCEPTION",
                                "An unexpected error occurred. Please include this ErrorId"
                                        + " if you contact support: emulator-" + Integer.toHexString(e.hashCode()))));
            }
            write(exchange, response);
        } finally {
            exchange.close();
        }
    }

    private ApiResponse route(ApiRequest request) {
        List<String> s = request.segments();
        if (!s.isEmpty() && s.get(0).equals("emulator")) {
            return controls.handle(request);
        }
        if (s.size() >= 2 && s.get(0).equals("services")) {
            if (s.get(1).equals("data")) {
                // the latency is part of the call's run time, which the concurrent long-request limit counts
                return services.handle(request, latency::pause);
            }
            latency.pause();
            if (s.get(1).equals("oauth2") && s.size() == 3) {
                if (s.get(2).equals("token")) {
                    stats.count("token");
                    Fault fault = faults.take("token");
                    if (fault != null) {
                        if (fault.timeout()) {
                            if (fault.applied()) {
                                oauth.token(request);
                            }
                            throw new HangUp(fault.millis());
                        }
                        return ApiResponse.json(
                                fault.status(),
                                Json.object()
                                        .put("error", fault.errorCode())
                                        .put("error_description", fault.messageOrDefault()));
                    }
                    return oauth.token(request);
                }
                if (s.get(2).equals("revoke")) {
                    return oauth.revoke(request);
                }
            }
        }
        return ApiResponse.error(ApiException.notFound());
    }

    private static ApiRequest decode(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            query.putAll(OAuthResource.parseForm(rawQuery));
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new ApiRequest(
                exchange.getRequestMethod().toUpperCase(),
                rawPath,
                List.copyOf(segments),
                query,
                exchange.getRequestHeaders(),
                body);
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
