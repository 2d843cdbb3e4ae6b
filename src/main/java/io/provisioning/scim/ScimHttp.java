package io.provisioning.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/** The HTTP side shared by the SCIM beans: base URL, answers with status/ETag/Location, If-Match, list responses. */
public final class ScimHttp {

    public static final String CONTENT_TYPE = "application/scim+json";

    private final String configuredBaseUrl;

    /** @param baseUrl the public base URL ({@code https://host/scim/v2}); empty = the server socket's own address */
    public ScimHttp(String baseUrl) {
        this.configuredBaseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
    }

    /**
     * The configured base URL, else the address and port the request reached (the server socket's, as Vert.x reports
     * it), never the Host header: a client-chosen host must not end up in {@code meta.location} (issue 15).
     */
    public String baseUrl(Exchange exchange) {
        if (configuredBaseUrl != null) {
            return configuredBaseUrl;
        }
        Object local = exchange.getMessage().getHeader(VertxPlatformHttpConstants.LOCAL_ADDRESS);
        String authority = local instanceof SocketAddress address ? authority(address) : "127.0.0.1";
        // The scheme is the connection's (TLS or not); Vert.x takes only the host part of the URL from the Host header.
        String url = exchange.getMessage().getHeader(Exchange.HTTP_URL, String.class);
        String scheme = url != null && url.regionMatches(true, 0, "https:", 0, 6) ? "https" : "http";
        return scheme + "://" + authority + "/scim/v2";
    }

    static String authority(SocketAddress address) {
        String host = address.hostAddress() != null ? address.hostAddress() : address.host();
        if (host == null) {
            host = "127.0.0.1";
        }
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return (host.contains(":") ? "[" + host + "]" : host) + (address.port() > 0 ? ":" + address.port() : "");
    }

    /** Sets status, content type and (when given) ETag and Location; returns the JSON body. */
    public String answer(Exchange exchange, int status, ObjectNode body, String etag, String location) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        if (etag != null) {
            message.setHeader("ETag", etag);
        }
        if (location != null) {
            message.setHeader("Location", location);
        }
        String json = body == null ? "" : ScimJson.write(body);
        message.setBody(json);
        return json;
    }

    public String noContent(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        message.setBody("");
        return "";
    }

    /** {@code If-None-Match} on a GET (RFC 7644 §3.14): whether the client's version is the current one. */
    public static boolean notModified(Exchange exchange, String currentEtag) {
        String ifNoneMatch = exchange.getMessage().getHeader("If-None-Match", String.class);
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            if (tag.trim().equals("*") || opaque(tag).equals(opaque(currentEtag))) {
                return true;
            }
        }
        return false;
    }

    /** 304: the client's copy is current; no body, the ETag again. */
    public String notModifiedAnswer(Exchange exchange, String etag) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
        message.setHeader("ETag", etag);
        message.setBody("");
        return "";
    }

    /**
     * {@code POST …/.search} (RFC 7644 §3.4.3): the SearchRequest's parameters become the query parameters a GET would
     * have, so the list is answered by the same code.
     */
    public static void searchAsQuery(Exchange exchange) {
        ObjectNode request = ScimJson.readObject(exchange.getMessage().getBody(String.class));
        boolean search = false;
        com.fasterxml.jackson.databind.JsonNode schemas = ScimJson.get(request, "schemas");
        if (schemas != null && schemas.isArray()) {
            for (com.fasterxml.jackson.databind.JsonNode schema : schemas) {
                search |= ScimSchemas.SEARCH_REQUEST.equalsIgnoreCase(schema.asText());
            }
        }
        if (!search) {
            throw ScimException.invalidSyntax(
                    "A search body must have schemas [\"" + ScimSchemas.SEARCH_REQUEST + "\"]");
        }
        Message message = exchange.getMessage();
        for (String name :
                List.of("filter", "startIndex", "count", "attributes", "excludedAttributes", "sortBy", "sortOrder")) {
            message.removeHeader(name);
            com.fasterxml.jackson.databind.JsonNode value = ScimJson.get(request, name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isArray()) {
                List<String> parts = new java.util.ArrayList<>();
                value.forEach(v -> parts.add(v.asText()));
                message.setHeader(name, String.join(",", parts));
            } else if (value.isTextual() || value.isNumber()) {
                message.setHeader(name, value.asText());
            } else {
                throw ScimException.invalidValue(
                        "'" + name + "' must be a string" + (name.endsWith("ttributes") ? " or an array" : ""));
            }
        }
    }

    /**
     * {@code If-Match}: absent or {@code *} passes; otherwise one of its tags must be the current one (weakness
     * ignored).
     */
    public static void checkIfMatch(Exchange exchange, String currentEtag) {
        String ifMatch = exchange.getMessage().getHeader("If-Match", String.class);
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String current = opaque(currentEtag);
        for (String tag : ifMatch.split(",")) {
            if (opaque(tag).equals(current)) {
                return;
            }
        }
        throw ScimException.preconditionFailed(
                "If-Match " + ifMatch.trim() + " does not match the current version " + currentEtag);
    }

    private static String opaque(String tag) {
        String trimmed = tag.trim();
        return trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed;
    }

    public static ObjectNode listResponse(long total, Paging paging, List<ObjectNode> resources) {
        ObjectNode list = ScimSchemas.object();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", total);
        list.put("startIndex", paging.startIndex());
        list.put("itemsPerPage", resources.size());
        ArrayNode array = list.putArray("Resources");
        resources.forEach(array::add);
        return list;
    }

    public static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
