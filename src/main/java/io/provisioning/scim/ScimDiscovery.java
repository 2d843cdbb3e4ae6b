package io.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.camel.Exchange;

/** {@code /ServiceProviderConfig}, {@code /Schemas}, {@code /ResourceTypes} (lists, or one by id). */
public class ScimDiscovery {

    private final ScimHttp http;
    private final int maxResults;

    public ScimDiscovery(ScimHttp http, int maxResults) {
        this.http = http;
        this.maxResults = maxResults;
    }

    public String serviceProviderConfig(Exchange exchange) {
        return http.answer(
                exchange, 200, ScimSchemas.serviceProviderConfig(http.baseUrl(exchange), maxResults), null, null);
    }

    public String schemas(Exchange exchange) {
        return listOrOne(exchange, ScimSchemas.schemas(http.baseUrl(exchange)), "Schema");
    }

    public String resourceTypes(Exchange exchange) {
        return listOrOne(exchange, ScimSchemas.resourceTypes(http.baseUrl(exchange)), "ResourceType");
    }

    /**
     * {@code /Me} and {@code /Bulk}: 501 as RFC 7644 asks of a server without them (§3.11, §3.12); the
     * ServiceProviderConfig says bulk is not supported.
     */
    public void notImplemented(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        throw new ScimException(
                501,
                null,
                "Not implemented by this server: "
                        + (path == null || path.isBlank() ? "this endpoint" : path.replaceAll("[^A-Za-z0-9/._-]", "")));
    }

    private String listOrOne(Exchange exchange, ArrayNode all, String kind) {
        String id = ScimHttp.header(exchange, "id");
        if (id == null) {
            java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> items = new java.util.ArrayList<>();
            all.forEach(n -> items.add((com.fasterxml.jackson.databind.node.ObjectNode) n));
            return http.answer(
                    exchange, 200, ScimHttp.listResponse(items.size(), new Paging(1, items.size()), items), null, null);
        }
        for (JsonNode item : all) {
            if (item.path("id").asText().equalsIgnoreCase(id)) {
                return http.answer(exchange, 200, (com.fasterxml.jackson.databind.node.ObjectNode) item, null, null);
            }
        }
        throw ScimException.notFound(kind, id);
    }
}
