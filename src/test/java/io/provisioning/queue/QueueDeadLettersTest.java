package io.provisioning.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.provisioning.requests.UserRequestParser;
import io.provisioning.support.ExchangeKeys;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class QueueDeadLettersTest {

    private final QueueRequestHandler handler = new QueueRequestHandler(
            new QueueRequestParser(1000),
            new UserRequestParser(Set.of("userName")),
            null,
            List.of("salesforce"),
            "provisioning.requests",
            null);
    private final QueueDeadLetters deadLetters = new QueueDeadLetters(handler, 4);

    @Test
    void aRejectedMessageCarriesItsReasonAndWhatWasRead() {
        Exchange exchange = exchange(
                "{\"action\":\"purge\",\"user\":{\"userName\":\"a@example.com\"}}",
                new RejectedMessageException(
                        "unknown action 'purge'", new QueueRequest("purge", "a@example.com", null, null, null)));
        deadLetters.describe(exchange);
        assertEquals("unknown action 'purge'", exchange.getMessage().getHeader(QueueDeadLetters.ERROR_HEADER));
        assertEquals(QueueDeadLetters.INVALID, exchange.getMessage().getHeader(QueueDeadLetters.ERROR_CODE_HEADER));
        assertEquals("a@example.com", exchange.getProperty(ExchangeKeys.USER_IDENTIFIER));
        assertEquals("queue", exchange.getProperty(ExchangeKeys.OPERATION));
        assertEquals("queue", exchange.getProperty(ExchangeKeys.APPLICATION));
        assertEquals("queue:provisioning.requests#ID:1", exchange.getProperty(ExchangeKeys.SOURCE));
        assertEquals(
                "ID:1", exchange.getProperty(ExchangeKeys.REQUEST_ID), "the message id when there is no request id");
        assertEquals(1, exchange.getProperty(ExchangeKeys.ATTEMPT));
    }

    @Test
    void anExhaustedTransientFailureReadsTheRequestFromTheOriginalBody() {
        Exchange exchange = exchange(
                "{\"action\":\"create\",\"user\":{\"userName\":\"b@example.com\"},\"requestId\":\"r-9\","
                        + "\"application\":\"salesforce\"}",
                new IllegalStateException("Directory database error: down"));
        deadLetters.describe(exchange);
        assertEquals(
                "failed after 5 attempts: Directory database error: down",
                exchange.getMessage().getHeader(QueueDeadLetters.ERROR_HEADER));
        assertEquals(QueueDeadLetters.EXHAUSTED, exchange.getProperty(ExchangeKeys.ERROR_CODE));
        assertEquals("b@example.com", exchange.getProperty(ExchangeKeys.USER_IDENTIFIER));
        assertEquals("create", exchange.getProperty(ExchangeKeys.OPERATION));
        assertEquals("salesforce", exchange.getProperty(ExchangeKeys.APPLICATION));
        assertEquals("r-9", exchange.getProperty(ExchangeKeys.REQUEST_ID));
        assertEquals("failure", exchange.getProperty(ExchangeKeys.REPORT_STATUS));
    }

    @Test
    void anOutcomeEventIsTheReportRowAsJsonGroupedByUser() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        Map<String, Object> row = new HashMap<>(Map.of(
                "occurredAt",
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                "userIdentifier",
                "Ada@Example.com",
                "application",
                "salesforce",
                "operation",
                "create",
                "status",
                "success",
                "recordId",
                "00Q000000000001AAA",
                "attempt",
                1));
        String json = new OutcomeEvents().toJson(row, exchange);
        assertEquals(
                "{\"occurredAt\":\"2026-01-02T03:04:05Z\",\"userId\":null,\"userIdentifier\":\"Ada@Example.com\","
                        + "\"application\":\"salesforce\",\"operation\":\"create\",\"status\":\"success\",\"recordId\":\"00Q000000000001AAA\","
                        + "\"errorCode\":null,\"errorMessage\":null,\"source\":null,\"requestId\":null,\"attempt\":1}",
                json);
        assertEquals("ada@example.com", exchange.getMessage().getHeader("JMSXGroupID"));
    }

    private static Exchange exchange(String body, Exception failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader("JMSMessageID", "ID:1");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }
}
