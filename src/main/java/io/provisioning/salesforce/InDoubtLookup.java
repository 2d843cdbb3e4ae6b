package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.support.ExchangeKeys;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceComponent;

/**
 * The Java side of the {@code salesforce-in-doubt-lookup} route: for the in-doubt creates of one single write or
 * batch (property {@value #CREATES}), builds the one SOQL query that finds what their earlier attempts may have
 * created, and resolves each item from its answer (property {@value #RESOLUTIONS}: item id → resolution).
 */
public class InDoubtLookup {

    public static final String CREATES = "inDoubtCreates";
    public static final String RESOLUTIONS = "inDoubtResolutions";
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

    /** Afterwards the body is the SOQL query. */
    public String query(Exchange exchange) {
        List<CompositeCall.Planned> creates = creates(exchange);
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

    /** Body: the query's answer. */
    public void resolve(Exchange exchange) throws Exception {
        List<CompositeCall.Planned> creates = creates(exchange);
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
        exchange.setProperty(RESOLUTIONS, resolutions);
    }

    @SuppressWarnings("unchecked")
    static List<CompositeCall.Planned> creates(Exchange exchange) {
        return exchange.getProperty(CREATES, List.class);
    }
}
