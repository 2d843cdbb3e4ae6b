package io.provisioning.observe;

import io.provisioning.support.Correlation;
import io.provisioning.support.ExchangeKeys;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Gives every request taken in over HTTP or JMS a correlation id: the caller's {@code X-Correlation-Id} (or JMS
 * correlation id) when it is a plain short token, else a new one. It is echoed in the HTTP answer, kept on the
 * exchange for the operation log lines, and held for the thread while the request runs, so that the outbox work it
 * records carries it on to the Salesforce calls.
 */
public class IntakeCorrelation extends EventNotifierSupport {

    static final String JMS_CORRELATION_ID = "JMSCorrelationID";

    public IntakeCorrelation() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeEvent exchangeEvent && intake(exchangeEvent.getExchange()) != null;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        if (event instanceof CamelEvent.ExchangeCreatedEvent) {
            boolean http = "http".equals(intake(exchange));
            String id = Correlation.acceptOrGenerate(
                    exchange.getMessage().getHeader(http ? Correlation.HEADER : JMS_CORRELATION_ID));
            exchange.setProperty(ExchangeKeys.CORRELATION_ID, id);
            if (http) {
                exchange.getMessage().setHeader(Correlation.HEADER, id);
            }
            Correlation.set(id);
        } else if (event instanceof CamelEvent.ExchangeCompletedEvent
                || event instanceof CamelEvent.ExchangeFailedEvent) {
            Correlation.clear();
        }
    }

    /** @return http or jms for an exchange taken in by those consumers, else null */
    static String intake(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        if (from == null) {
            return null;
        }
        String uri = from.getEndpointUri();
        if (uri.startsWith("platform-http:") || uri.startsWith("rest:")) {
            return "http";
        }
        return uri.startsWith("jms:") ? "jms" : null;
    }
}
