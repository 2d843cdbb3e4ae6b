package io.provisioning.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;

/** {@code /scim/v2/Groups}: groups and memberships, kept in the directory (not sent to Salesforce). */
public class ScimGroups {

    private final ScimGroupStore store;
    private final ScimHttp http;
    private final int defaultCount;
    private final int maxCount;

    public ScimGroups(ScimGroupStore store, ScimHttp http, int defaultCount, int maxCount) {
        this.store = store;
        this.http = http;
        this.defaultCount = defaultCount;
        this.maxCount = maxCount;
    }

    public String create(Exchange exchange) {
        ScimGroupMapper.Incoming group = ScimGroupMapper.fromScim(
                ScimJson.readObject(exchange.getMessage().getBody(String.class)));
        ScimProvider provider = ScimProvider.of(exchange);
        ScimGroupRow row =
                store.find(store.create(group, provider), true, provider).orElseThrow();
        ObjectNode resource = ScimGroupMapper.toScim(row, http.baseUrl(exchange), true);
        return http.answer(
                exchange,
                201,
                ScimUsers.projection(exchange).apply(resource),
                row.etag(),
                resource.path("meta").path("location").asText());
    }

    public String get(Exchange exchange) {
        Projection projection = ScimUsers.projection(exchange);
        ScimGroupRow row = current(exchange, !projection.excludes("members"));
        if (ScimHttp.notModified(exchange, row.etag())) {
            return http.notModifiedAnswer(exchange, row.etag());
        }
        return http.answer(
                exchange,
                200,
                projection.apply(ScimGroupMapper.toScim(row, http.baseUrl(exchange), !projection.excludes("members"))),
                row.etag(),
                null);
    }

    public String list(Exchange exchange) {
        String filter = ScimHttp.header(exchange, "filter");
        FilterSql.Condition condition =
                filter == null ? null : FilterSql.translate(FilterParser.parse(filter), ScimGroupStore.COLUMNS);
        Paging paging = Paging.of(
                ScimHttp.header(exchange, "startIndex"), ScimHttp.header(exchange, "count"), defaultCount, maxCount);
        Projection projection = ScimUsers.projection(exchange);
        boolean members = !projection.excludes("members");
        ResultPage<ScimGroupRow> page =
                store.list(condition, paging.offset(), paging.count(), members, ScimProvider.of(exchange));
        String base = http.baseUrl(exchange);
        return http.answer(
                exchange,
                200,
                ScimHttp.listResponse(
                        page.total(),
                        paging,
                        page.rows().stream()
                                .map(r -> projection.apply(ScimGroupMapper.toScim(r, base, members)))
                                .toList()),
                null,
                null);
    }

    /** {@code POST /Groups/.search}: the list, with the parameters in the body. */
    public String search(Exchange exchange) {
        ScimHttp.searchAsQuery(exchange);
        return list(exchange);
    }

    public String replace(Exchange exchange) {
        ScimGroupRow current = current(exchange, false);
        ObjectNode body = ScimJson.readObject(exchange.getMessage().getBody(String.class));
        if (ScimJson.get(body, "id") != null
                && !ScimJson.get(body, "id").asText().equals(current.id())) {
            throw ScimException.mutability("'id' is immutable");
        }
        store.replace(current.id(), ScimGroupMapper.fromScim(body), current.version(), ScimProvider.of(exchange));
        return answer(exchange, current.id());
    }

    /** PATCH (Entra: add/remove members, replace displayName): applied to the current group, written as a PUT. */
    public String patch(Exchange exchange) {
        ScimGroupRow current = current(exchange, true);
        ObjectNode request = ScimJson.readObject(exchange.getMessage().getBody(String.class));
        ObjectNode patched = PatchEngine.apply(ScimGroupMapper.toScim(current, http.baseUrl(exchange), true), request);
        store.replace(current.id(), ScimGroupMapper.fromScim(patched), current.version(), ScimProvider.of(exchange));
        return answer(exchange, current.id());
    }

    public String delete(Exchange exchange) {
        ScimGroupRow current = current(exchange, false);
        store.delete(current.id(), current.version());
        return http.noContent(exchange);
    }

    private String answer(Exchange exchange, String id) {
        Projection projection = ScimUsers.projection(exchange);
        ScimGroupRow row =
                store.find(id, true, ScimProvider.of(exchange)).orElseThrow(() -> ScimException.notFound("Group", id));
        return http.answer(
                exchange,
                200,
                projection.apply(ScimGroupMapper.toScim(row, http.baseUrl(exchange), !projection.excludes("members"))),
                row.etag(),
                null);
    }

    private ScimGroupRow current(Exchange exchange, boolean withMembers) {
        String id = ScimHttp.header(exchange, "id");
        ScimGroupRow row = store.find(id, withMembers, ScimProvider.of(exchange))
                .orElseThrow(() -> ScimException.notFound("Group", id));
        ScimHttp.checkIfMatch(exchange, row.etag());
        return row;
    }
}
