package io.provisioning.observe;

import io.provisioning.support.ExchangeKeys;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.salesforce.SalesforceEndpoint;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sees every call the routes make to a Salesforce or mail endpoint, whichever route makes it: counts Salesforce API
 * calls per application, keeps the org's remaining daily requests from the {@code Sforce-Limit-Info} header
 * camel-salesforce copies onto the message (no extra API call), logs one line per API request, and counts mails sent.
 */
public class OutboundCallObserver extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OperationObserver.LOGGER);
    static final String LIMIT_INFO = "Sforce-Limit-Info";

    private final ProvisioningMetrics metrics;

    public OutboundCallObserver(ProvisioningMetrics metrics) {
        this.metrics = metrics;
        sentEventsOnly(this);
    }

    /** A notifier that hears only "exchange sent" events (a call to an endpoint has been answered). */
    public static void sentEventsOnly(EventNotifierSupport notifier) {
        notifier.setIgnoreCamelContextEvents(true);
        notifier.setIgnoreRouteEvents(true);
        notifier.setIgnoreServiceEvents(true);
        notifier.setIgnoreStepEvents(true);
        notifier.setIgnoreExchangeCreatedEvent(true);
        notifier.setIgnoreExchangeCompletedEvent(true);
        notifier.setIgnoreExchangeFailedEvents(true);
        notifier.setIgnoreExchangeRedeliveryEvents(true);
        notifier.setIgnoreExchangeSendingEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeSentEvent sent
                && (sent.getEndpoint() instanceof SalesforceEndpoint || sent.getEndpoint() instanceof MailEndpoint);
    }

    @Override
    public void notify(CamelEvent event) {
        CamelEvent.ExchangeSentEvent sent = (CamelEvent.ExchangeSentEvent) event;
        Exchange exchange = sent.getExchange();
        if (sent.getEndpoint() instanceof SalesforceEndpoint endpoint) {
            salesforceCall(endpoint, exchange, sent.getTimeTaken());
        } else if (exchange.getException() == null) {
            metrics.mailSent(String.valueOf(exchange.getProperty(ExchangeKeys.OPERATION, "mail", String.class)));
        }
    }

    private void salesforceCall(SalesforceEndpoint endpoint, Exchange exchange, long millis) {
        String application = application(endpoint);
        Exception failure = exchange.getException();
        metrics.salesforceCall(application, failure == null ? "ok" : "error");
        ApiUsage.parse(exchange.getMessage().getHeader(LIMIT_INFO))
                .ifPresent(usage -> metrics.apiUsage(application, usage));
        LOG.info(
                "{}",
                new KeyValueLine()
                        .add("kind", "salesforce-call")
                        .add("correlationId", exchange.getProperty(ExchangeKeys.CORRELATION_ID))
                        .add("requestId", exchange.getProperty(ExchangeKeys.REQUEST_ID))
                        .add("userName", exchange.getProperty(ExchangeKeys.USER_IDENTIFIER))
                        .add("application", application)
                        .add(
                                "call",
                                endpoint.getOperationName() == null
                                        ? null
                                        : endpoint.getOperationName().value())
                        .add("outcome", failure == null ? "ok" : "error")
                        .add("status", failure instanceof SalesforceException sf ? sf.getStatusCode() : null)
                        .add("durationMs", millis));
    }

    /** The application is the component's name, the endpoint URI's scheme. */
    static String application(Endpoint endpoint) {
        String uri = endpoint.getEndpointUri();
        int colon = uri.indexOf(':');
        return colon < 0 ? uri : uri.substring(0, colon);
    }
}
