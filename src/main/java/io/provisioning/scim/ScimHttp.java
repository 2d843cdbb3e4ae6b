package io.provisioning.scim;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The HTTP side shared by the SCIM beans: base URL, answers with status/ETag/Location, If-Match, list responses. */
public final class ScimHttp {

    public static final String CONTENT_TYPE = "application/scim+json";

    private final String configuredBaseUrl;

    /** @param baseUrl the public base URL ({@code https://host/scim/v2}); empty = from the request URL */
    public ScimHttp(String baseUrl) {
        this.configuredBaseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
    }

    public String baseUrl(Exchange exchange) {
        if (configuredBaseUrl != null) {
            return configuredBaseUrl;
        }
        String url = exchange.getMessage().getHeader(Exchange.HTTP_URL, String.class);
        int scim = url == null ? -1 : url.indexOf("/scim/v2");
        if (scim >= 0) {
            return url.substring(0, scim) + "/scim/v2";
        }
        String host = exchange.getMessage().getHeader("Host", String.class);
        return "http://" + (host == null ? "localhost" : host) + "/scim/v2";
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

    /** {@code If-Match}: absent or {@code *} passes; otherwise one of its tags must be the current one (weakness ignored). */
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
        throw ScimException.preconditionFailed("If-Match " + ifMatch.trim() + " does not match the current version " + currentEtag);
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
