package io.provisioning.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class JsonAnswersTest {

    @Test
    void mapsAndListsAreAnsweredAsJsonOtherBodiesAndErrorsAreNot() {
        assertTrue(JsonAnswers.isJsonAnswer(with(Map.of("id", "1"))));
        assertTrue(JsonAnswers.isJsonAnswer(with(List.of(Map.of("name", "salesforce")))));
        assertFalse(JsonAnswers.isJsonAnswer(with("# HELP provisioning_operations_total")), "Prometheus text");
        assertFalse(JsonAnswers.isJsonAnswer(with(new ByteArrayInputStream(new byte[0]))), "a CSV stream");
        Exchange failed = with(Map.of("error", "unauthorized"));
        failed.setProperty(Exchange.EXCEPTION_CAUGHT, new UnauthorizedException("Missing bearer token"));
        assertFalse(JsonAnswers.isJsonAnswer(failed), "the error handling writes its own answer");
    }

    private static Exchange with(Object body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
