package io.provisioning.queue;

import io.provisioning.support.ExchangeKeys;
import org.apache.camel.Exchange;

/**
 * Describes why a queue message is dead-lettered: the reason in the {@code provisioningError} header (and its code
 * in {@code provisioningErrorCode}) of the copy sent to the dead-letter queue, and the properties of its report row.
 */
public class QueueDeadLetters {

    public static final String ERROR_HEADER = "provisioningError";
    public static final String ERROR_CODE_HEADER = "provisioningErrorCode";
    /** A message that can never be applied. */
    public static final String INVALID = "INVALID_MESSAGE";
    /** A message whose transient failure outlasted the redeliveries. */
    public static final String EXHAUSTED = "REDELIVERIES_EXHAUSTED";

    private static final String APPLICATION = "queue";

    private final QueueRequestHandler handler;
    private final int maxRedeliveries;

    /** @param maxRedeliveries the redeliveries a transient failure gets before it is dead-lettered */
    public QueueDeadLetters(QueueRequestHandler handler, int maxRedeliveries) {
        this.handler = handler;
        this.maxRedeliveries = maxRedeliveries;
    }

    public void describe(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        boolean rejected = failure instanceof RejectedMessageException;
        QueueRequest request = rejected
                ? ((RejectedMessageException) failure).request()
                : handler.read(exchange.getMessage().getBody(String.class));
        // the original message is restored for the dead letter, without Camel's redelivery counter
        int attempts = rejected ? 1 : maxRedeliveries + 1;
        String message = failure == null ? "unknown failure" : failure.getMessage();
        String reason = rejected ? message : "failed after " + attempts + " attempts: " + message;
        String code = rejected ? INVALID : EXHAUSTED;
        String messageId = exchange.getMessage().getHeader("JMSMessageID", String.class);

        if (exchange.getProperty(TextMessagesOnly.UNREADABLE_BODY, false, Boolean.class)) {
            // the dead letter says why; the body stays unread (forwarding it would deserialize an ObjectMessage)
            exchange.getMessage().setBody("");
        }
        exchange.getMessage().setHeader(ERROR_HEADER, reason);
        exchange.getMessage().setHeader(ERROR_CODE_HEADER, code);
        exchange.setProperty(
                ExchangeKeys.USER_IDENTIFIER,
                request != null && request.userName() != null ? request.userName() : "unknown");
        exchange.setProperty(
                ExchangeKeys.APPLICATION,
                request != null && request.application() != null ? request.application() : APPLICATION);
        exchange.setProperty(ExchangeKeys.OPERATION, operation(request));
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, "failure");
        exchange.setProperty(ExchangeKeys.ERROR_CODE, code);
        exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, reason);
        exchange.setProperty(ExchangeKeys.SOURCE, handler.source(messageId));
        exchange.setProperty(
                ExchangeKeys.REQUEST_ID,
                request != null && request.requestId() != null ? request.requestId() : messageId);
        exchange.setProperty(ExchangeKeys.ATTEMPT, attempts);
    }

    /** The report operation: the message's action when it is a known one, else {@code queue}. */
    static String operation(QueueRequest request) {
        return request != null && request.action() != null && QueueRequestParser.ACTIONS.contains(request.action())
                ? request.action()
                : APPLICATION;
    }
}
