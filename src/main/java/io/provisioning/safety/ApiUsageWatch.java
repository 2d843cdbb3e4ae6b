package io.provisioning.safety;

import io.provisioning.observe.ApiUsage;
import io.provisioning.observe.OutboundCallObserver;
import org.apache.camel.component.salesforce.SalesforceEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Hands the org usage of every Salesforce answer ({@code Sforce-Limit-Info}, which camel-salesforce copies onto the
 * message) to the {@link ApiBudget}: no extra API call.
 */
final class ApiUsageWatch extends EventNotifierSupport {

    private final ApiBudget budget;

    ApiUsageWatch(ApiBudget budget) {
        this.budget = budget;
        OutboundCallObserver.sentEventsOnly(this);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeSentEvent sent && sent.getEndpoint() instanceof SalesforceEndpoint;
    }

    @Override
    public void notify(CamelEvent event) {
        CamelEvent.ExchangeSentEvent sent = (CamelEvent.ExchangeSentEvent) event;
        String uri = sent.getEndpoint().getEndpointUri();
        String application = uri.substring(0, Math.max(0, uri.indexOf(':'))); // the component is the application
        ApiUsage.parse(sent.getExchange().getMessage().getHeader("Sforce-Limit-Info"))
                .ifPresentOrElse(
                        usage -> budget.observed(application, usage.used(), usage.max()),
                        () -> budget.calledUnseen(application));
    }
}
