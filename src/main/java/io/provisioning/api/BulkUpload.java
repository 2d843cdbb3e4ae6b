package io.provisioning.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/bulk-files?name=users.csv}: a CSV file streamed into the inbox as it arrives, where the
 * {@code inbound-file} route takes it like any dropped file. It runs on the HTTP server itself, before the routes:
 * platform-http buffers a whole body before a route sees it (in memory, within {@code camel.server.max-body-size}),
 * while a bulk file may be far larger and must be refused as soon as it passes its limit. The credential is checked
 * first, with the same guard as every {@code /api} route (bearer token, or console session with its CSRF value);
 * the bytes go to a hidden {@code .upload-*.part} file the inbox filter ignores, renamed into place when complete.
 */
public final class BulkUpload {

    static final String PATH = "/api/bulk-files";
    private static final Logger LOG = LoggerFactory.getLogger(BulkUpload.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,199}\\.csv");

    private final CamelContext context;
    private final BearerTokenGuard guard;
    private final Path inbox;
    private final long maxBytes;

    private BulkUpload(CamelContext context, BearerTokenGuard guard, Path inbox, long maxBytes) {
        this.context = context;
        this.guard = guard;
        this.inbox = inbox;
        this.maxBytes = maxBytes;
    }

    /** Adds the upload handler to the HTTP server's router once it is up (after the Host check, before routes). */
    public static void register(CamelContext context, BearerTokenGuard guard, Path inbox, long maxBytes)
            throws Exception {
        BulkUpload upload = new BulkUpload(context, guard, inbox, maxBytes);
        context.addStartupListener((started, alreadyStarted) -> {
            for (VertxPlatformHttpRouter router : started.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
                router.route(HttpMethod.POST, PATH).order(Integer.MIN_VALUE + 1).handler(upload::handle);
            }
        });
    }

    private void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        request.pause();
        try {
            guard.check(credentials(request));
        } catch (UnauthorizedException e) {
            answer(routing, 401, "unauthorized", e.getMessage());
            return;
        } catch (ForbiddenException e) {
            answer(routing, 403, "forbidden", e.getMessage());
            return;
        }
        String name = request.getParam("name");
        if (name == null || !NAME.matcher(name).matches()) {
            answer(
                    routing,
                    400,
                    "invalid_request",
                    "name: must be a file name ending in .csv (letters, digits, . _ - and"
                            + " spaces, at most 200 characters)");
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && length.matches("[0-9]{1,19}") && Long.parseLong(length) > maxBytes) {
            answer(routing, 413, "payload_too_large", tooLarge());
            return;
        }
        Path target = inbox.resolve(name);
        if (Files.exists(target)) {
            answer(
                    routing,
                    409,
                    "conflict",
                    name + " is already in the inbox and not yet taken; wait for it or rename");
            return;
        }
        Path part = inbox.resolve(".upload-" + UUID.randomUUID() + ".part");
        AtomicLong bytes = new AtomicLong();
        routing.vertx()
                .fileSystem()
                .open(part.toString(), new OpenOptions().setCreateNew(true).setWrite(true))
                .onFailure(e -> answer(routing, 500, "internal_error", "the inbox cannot be written; see the log"))
                .onSuccess(file -> {
                    request.handler(buffer -> {
                        if (bytes.addAndGet(buffer.length()) > maxBytes) {
                            request.handler(null);
                            file.close();
                            delete(part);
                            answer(routing, 413, "payload_too_large", tooLarge());
                            return;
                        }
                        file.write(buffer);
                        if (file.writeQueueFull()) {
                            request.pause();
                            file.drainHandler(v -> request.resume());
                        }
                    });
                    request.exceptionHandler(e -> {
                        file.close();
                        delete(part);
                    });
                    request.endHandler(v -> file.close().onComplete(closed -> {
                        if (routing.response().ended()) {
                            return;
                        }
                        placeInInbox(routing, part, target, name, bytes.get());
                    }));
                    request.resume();
                });
    }

    private void placeInInbox(RoutingContext routing, Path part, Path target, String name, long bytes) {
        routing.vertx()
                .<Void>executeBlocking(() -> {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                    return null;
                })
                .onSuccess(v -> {
                    LOG.info("Bulk file {} uploaded into the inbox ({} bytes)", name, bytes);
                    routing.response()
                            .setStatusCode(202)
                            .putHeader("Content-Type", "application/json")
                            .putHeader("Cache-Control", "no-store")
                            .end(json(Map.of("file", name, "bytes", bytes, "status", "queued")));
                })
                .onFailure(e -> {
                    delete(part);
                    answer(routing, 500, "internal_error", "the file could not be put into the inbox; see the log");
                    LOG.warn("Bulk file {}: could not move the upload into the inbox: {}", name, e.toString());
                });
    }

    /** The request's credential headers on an exchange, for the routes' own guard. */
    private Exchange credentials(HttpServerRequest request) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, request.method().name());
        for (String header : new String[] {"Authorization", "Cookie", "X-CSRF-Token"}) {
            String value = request.getHeader(header);
            if (value != null) {
                exchange.getMessage().setHeader(header, value);
            }
        }
        return exchange;
    }

    private String tooLarge() {
        return "the file is larger than " + maxBytes + " bytes (provisioning.inbox.max-file-bytes)";
    }

    /** An answer before the body was read to its end: the connection is closed, so the rest is never read. */
    private static void answer(RoutingContext routing, int status, String error, String message) {
        if (routing.response().ended()) {
            return;
        }
        routing.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Connection", "close")
                .end(json(Map.of("error", error, "message", message)))
                .onComplete(done -> routing.request().connection().close());
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            LOG.warn("Could not delete the partial upload {}: {}", part, e.toString());
        }
    }
}
