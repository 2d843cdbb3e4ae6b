package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.support.ExchangeKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceComponent;

/**
 * The Java side of the {@code salesforce-in-doubt-lookup} route: for the in-doubt creates of one single write or
 * batch (property {@value #CREATES}), builds the SOQL queries that find what their earlier attempts may have created
 * (one query when it fits in a request line, else one per part), and resolves each item from its part's answer
 * (property {@value #RESOLUTIONS}: item id → resolution).
 */
public class InDoubtLookup {

    public static final String CREATES = "inDoubtCreates";
    public static final String RESOLUTIONS = "inDoubtResolutions";
    static final String PARTS = "inDoubtParts";
    /**
     * The longest query, URL-encoded, sent in one GET: the request line and headers of camel-salesforce's HTTP client
     * must fit in its 4 KB request buffer ("Request header too large" beyond it), well below Salesforce's URI limit.
     */
    static final int MAX_ENCODED_QUERY = 3_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceApplications applications;
    private final ApplicationLinks links;
    private final Duration clockMargin;

    /** @param clockMargin how far Salesforce's clock may be behind the bundle's (widens the time window) */
    public InDoubtLookup(SalesforceApplications applications, ApplicationLinks links, Duration clockMargin) {
        this.applications = applications;
        this.links = links;
        this.clockMargin = clockMargin;
    }

    /** Splits the in-doubt creates into parts whose query fits in one request; afterwards the body is their count. */
    public int parts(Exchange exchange) {
        List<List<CompositeCall.Planned>> parts =
                InDoubtQuery.parts(creates(exchange), part -> encodedLength(query(part)), MAX_ENCODED_QUERY);
        exchange.setProperty(PARTS, parts);
        exchange.setProperty(RESOLUTIONS, new HashMap<Long, InDoubtResolver.Resolution>());
        return parts.size();
    }

    /** Afterwards the body is the SOQL query of the loop's current part. */
    public String query(Exchange exchange) {
        return query(part(exchange));
    }

    private String query(List<CompositeCall.Planned> creates) {
        SalesforceApplication application =
                applications.get(creates.get(0).item().application());
        OffsetDateTime since = creates.stream()
                .map(p -> p.item().sentAt())
                .min(OffsetDateTime::compareTo)
                .orElseThrow();
        Set<String> selected = new LinkedHashSet<>();
        creates.forEach(p -> selected.addAll(p.plan().body().keySet()));
        return InDoubtQuery.build(
                application.sObject(),
                application.idempotence().matchFields(),
                selected,
                since.toInstant().minus(clockMargin),
                creates.stream().map(p -> p.plan().body()).toList());
    }

    static int encodedLength(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8).length();
    }

    /** Body: the answer to the current part's query; its resolutions join {@value #RESOLUTIONS}. */
    public void resolve(Exchange exchange) throws Exception {
        List<CompositeCall.Planned> creates = part(exchange);
        SalesforceApplication application =
                applications.get(creates.get(0).item().application());
        JsonNode answer = JSON.readTree(exchange.getMessage().getBody(String.class));
        if (!answer.path("done").asBoolean(true)) {
            // never guess from a partial answer: the items wait and look again
            throw new IllegalStateException("the in-doubt lookup found more candidates than one page holds");
        }
        JsonNode records = answer.path("records");
        List<String> ids = new ArrayList<>();
        records.forEach(r -> ids.add(r.path("Id").asText()));
        SalesforceComponent component = exchange.getContext()
                .getComponent(exchange.getProperty(ExchangeKeys.COMPONENT, String.class), SalesforceComponent.class);
        String integrationUser = component.getSession() == null
                ? null
                : InDoubtResolver.userIdFromIdentityUrl(component.getSession().getId());
        List<InDoubtResolver.Item> items = creates.stream()
                .map(p -> new InDoubtResolver.Item(
                        p.item().id(), p.item().userId(), p.plan().body()))
                .toList();
        Map<Long, InDoubtResolver.Resolution> resolutions = InDoubtResolver.resolve(
                items,
                records,
                application.idempotence().matchFields(),
                integrationUser,
                links.linkedUsers(application.name(), ids));
        resolutions(exchange).putAll(resolutions);
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, InDoubtResolver.Resolution> resolutions(Exchange exchange) {
        return exchange.getProperty(RESOLUTIONS, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<CompositeCall.Planned> part(Exchange exchange) {
        List<List<CompositeCall.Planned>> parts = exchange.getProperty(PARTS, List.class);
        return parts.get(exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class));
    }

    @SuppressWarnings("unchecked")
    static List<CompositeCall.Planned> creates(Exchange exchange) {
        return exchange.getProperty(CREATES, List.class);
    }
}
