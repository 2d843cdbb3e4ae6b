package io.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioning.directory.DuplicateUserException;
import io.provisioning.directory.NewUser;
import io.provisioning.directory.UserDirectory;
import io.provisioning.directory.UserNotFoundException;
import io.provisioning.directory.UserPatch;
import io.provisioning.entitlements.Entitlements;
import io.provisioning.entitlements.ScimRoles;
import io.provisioning.requests.InvalidRequestException;
import io.provisioning.requests.UserRequestParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;

/**
 * {@code /scim/v2/Users}: each request is validated (SCIM shape, then the profile rules of {@code /api/users} with
 * only {@code userName} required, as RFC 7643 requires: what an application needs is checked when its write is planned)
 * and written through {@link UserDirectory#create}/{@link UserDirectory#update} with the SCIM row in the same
 * transaction, so SCIM users follow the same lifecycle (outbox, Salesforce, report rows with source {@code scim:…}).
 */
public class ScimUsers {

    private static final String SOURCE = "scim:";
    private static final String PATH = "/scim/v2/Users";

    private final UserDirectory directory;
    private final ScimUserStore store;
    private final ScimUserMapper mapper;
    private final UserRequestParser parser;
    private final ScimHttp http;
    private final List<String> applications;
    private final int defaultCount;
    private final int maxCount;
    private final ScimRoles roles;

    public ScimUsers(
            UserDirectory directory,
            ScimUserStore store,
            ScimUserMapper mapper,
            UserRequestParser parser,
            ScimHttp http,
            List<String> applications,
            int defaultCount,
            int maxCount,
            ScimRoles roles) {
        this.roles = roles;
        this.directory = directory;
        this.store = store;
        this.mapper = mapper;
        this.parser = parser;
        this.http = http;
        this.applications = List.copyOf(applications);
        this.defaultCount = defaultCount;
        this.maxCount = maxCount;
    }

    public String create(Exchange exchange) {
        ScimProvider provider = ScimProvider.of(exchange);
        ObjectNode body = ScimJson.readObject(exchange.getMessage().getBody(String.class));
        ScimUserMapper.Incoming incoming = mapper.fromScim(body);
        NewUser parsed =
                validated(() -> parser.parse(ScimJson.write(ScimJson.MAPPER.valueToTree(incoming.apiBody(false)))));
        NewUser user = new NewUser(
                parsed.userName(),
                parsed.email(),
                parsed.firstName(),
                parsed.lastName(),
                parsed.company(),
                parsed.customAttributes(),
                validated(() -> entitlements(body)));
        String source = SOURCE + "POST " + PATH;
        String id;
        try {
            id = directory
                    .create(user, applications, source, store.write(incoming, null, provider))
                    .id();
            if (Boolean.FALSE.equals(incoming.active())) {
                directory.update(id, UserPatch.deactivate(), source);
            }
        } catch (DuplicateUserException e) {
            // A user deleted through SCIM comes back (re-hire): the same directory user, replaced and reprovisioned.
            id = store.deletedUserId(incoming.profile().get("userName"), provider)
                    .orElseThrow(() -> ScimException.uniqueness(
                            "userName '" + incoming.profile().get("userName") + "' is already taken"));
            update(
                    id,
                    incoming,
                    Boolean.FALSE.equals(incoming.active()) ? Boolean.FALSE : Boolean.TRUE,
                    source,
                    null,
                    provider);
        }
        ScimUserRow row = store.find(id, provider).orElseThrow();
        ObjectNode resource = mapper.toScim(row, http.baseUrl(exchange));
        return http.answer(
                exchange,
                201,
                projection(exchange).apply(resource),
                row.etag(),
                resource.path("meta").path("location").asText());
    }

    public String get(Exchange exchange) {
        ScimUserRow row = current(exchange);
        if (ScimHttp.notModified(exchange, row.etag())) {
            return http.notModifiedAnswer(exchange, row.etag());
        }
        return http.answer(
                exchange,
                200,
                projection(exchange).apply(mapper.toScim(row, http.baseUrl(exchange))),
                row.etag(),
                null);
    }

    public String list(Exchange exchange) {
        String filter = ScimHttp.header(exchange, "filter");
        FilterSql.Condition condition =
                filter == null ? null : FilterSql.translate(FilterParser.parse(filter), ScimUserStore.COLUMNS);
        Paging paging = Paging.of(
                ScimHttp.header(exchange, "startIndex"), ScimHttp.header(exchange, "count"), defaultCount, maxCount);
        ResultPage<ScimUserRow> page =
                store.list(condition, paging.offset(), paging.count(), ScimProvider.of(exchange));
        Projection projection = projection(exchange);
        String base = http.baseUrl(exchange);
        return http.answer(
                exchange,
                200,
                ScimHttp.listResponse(
                        page.total(),
                        paging,
                        page.rows().stream()
                                .map(r -> projection.apply(mapper.toScim(r, base)))
                                .toList()),
                null,
                null);
    }

    /** {@code POST /Users/.search}: the list, with the parameters in the body. */
    public String search(Exchange exchange) {
        ScimHttp.searchAsQuery(exchange);
        return list(exchange);
    }

    /** PUT: the whole resource; attributes it leaves out are cleared (active: unchanged when absent). */
    public String replace(Exchange exchange) {
        ScimUserRow current = current(exchange);
        ObjectNode body = ScimJson.readObject(exchange.getMessage().getBody(String.class));
        String bodyId = ScimJson.get(body, "id") == null
                ? null
                : ScimJson.get(body, "id").asText();
        if (bodyId != null && !bodyId.equals(current.user().id())) {
            throw ScimException.mutability("'id' is immutable: the body's id " + bodyId + " is not "
                    + current.user().id());
        }
        return write(exchange, current, mapper.fromScim(body), "PUT");
    }

    /** PATCH: the operations are applied to the current resource, and the result is written as a PUT would be. */
    public String patch(Exchange exchange) {
        ScimUserRow current = current(exchange);
        ObjectNode request = ScimJson.readObject(exchange.getMessage().getBody(String.class));
        ObjectNode patched = PatchEngine.apply(mapper.toScim(current, http.baseUrl(exchange)), request);
        if (ScimJson.get(patched, ScimSchemas.ENTERPRISE_USER) != null) {
            ArrayNode schemas = (ArrayNode) patched.get("schemas");
            boolean listed = false;
            for (var schema : schemas) {
                listed |= schema.asText().equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER);
            }
            if (!listed) {
                schemas.add(ScimSchemas.ENTERPRISE_USER);
            }
        }
        return write(exchange, current, mapper.fromScim(patched), "PATCH");
    }

    /**
     * DELETE: deprovisions like {@code DELETE /api/users/{id}} (inactive; Lead deleted, User deactivated), then 404.
     */
    public String delete(Exchange exchange) {
        ScimUserRow current = current(exchange);
        String id = current.user().id();
        directory.update(
                id,
                UserPatch.deactivate(),
                SOURCE + "DELETE " + PATH + "/" + id,
                store.markDeleted(current.scimVersion()));
        return http.noContent(exchange);
    }

    private String write(Exchange exchange, ScimUserRow current, ScimUserMapper.Incoming incoming, String method) {
        String id = current.user().id();
        ScimProvider provider = ScimProvider.of(exchange);
        update(
                id,
                incoming,
                incoming.active(),
                SOURCE + method + " " + PATH + "/" + id,
                current.scimVersion(),
                provider);
        ScimUserRow row = store.find(id, provider).orElseThrow(() -> ScimException.notFound("User", id));
        return http.answer(
                exchange,
                200,
                projection(exchange).apply(mapper.toScim(row, http.baseUrl(exchange))),
                row.etag(),
                null);
    }

    /** Validates like {@code PUT /api/users} and writes the user with its SCIM row in one transaction. */
    private void update(
            String id,
            ScimUserMapper.Incoming incoming,
            Boolean active,
            String source,
            Long expectedVersion,
            ScimProvider provider) {
        UserPatch checked = validated(
                () -> parser.parseChange(ScimJson.write(ScimJson.MAPPER.valueToTree(incoming.apiBody(true))), true));
        // The SCIM-owned custom attributes are set or removed one by one; the others (e.g. set through the API) stay.
        UserPatch change = new UserPatch(
                checked.profile(),
                checked.customAttributes(),
                false,
                active,
                validated(() -> entitlements(incoming.stored())));
        try {
            directory.update(id, change, source, store.write(incoming, expectedVersion, provider));
        } catch (DuplicateUserException e) {
            throw ScimException.uniqueness("userName '" + incoming.profile().get("userName") + "' is already taken");
        } catch (UserNotFoundException e) {
            throw ScimException.notFound("User", id);
        }
    }

    /**
     * Issue 20: the entitlements the resource's {@code roles} give (Entra app roles, Okta's role values), for the
     * applications roles can give anything in; none when the resource has no {@code roles}.
     */
    private Map<String, Entitlements> entitlements(JsonNode resource) {
        JsonNode values = ScimJson.get(resource, "roles");
        if (values == null || !values.isArray()) {
            return Map.of();
        }
        List<String> given = new ArrayList<>();
        values.forEach(v -> {
            String value = v.isTextual() ? v.textValue() : ScimJson.text(v, "value");
            if (value != null && !value.isBlank()) {
                given.add(value.trim());
            }
        });
        return roles.entitlements(given);
    }

    private ScimUserRow current(Exchange exchange) {
        String id = ScimHttp.header(exchange, "id");
        ScimUserRow row =
                store.find(id, ScimProvider.of(exchange)).orElseThrow(() -> ScimException.notFound("User", id));
        ScimHttp.checkIfMatch(exchange, row.etag());
        return row;
    }

    static Projection projection(Exchange exchange) {
        return Projection.of(ScimHttp.header(exchange, "attributes"), ScimHttp.header(exchange, "excludedAttributes"));
    }

    /** The API's own validation; its field errors become one SCIM {@code invalidValue}. */
    private static <T> T validated(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidRequestException e) {
            throw ScimException.invalidValue(e.getFieldErrors().stream()
                    .map(f -> SCIM_NAMES.getOrDefault(f.field(), f.field()) + " " + f.message())
                    .collect(Collectors.joining("; ")));
        }
    }

    /** Directory fields named as SCIM names them, for error details. */
    private static final java.util.Map<String, String> SCIM_NAMES = java.util.Map.of(
            "email",
            "emails.value",
            "firstName",
            "name.givenName",
            "lastName",
            "name.familyName",
            "company",
            ScimSchemas.ENTERPRISE_USER + ":organization");
}
