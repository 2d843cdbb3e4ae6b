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
        failed.setException(new UnauthorizedException("Missing bearer token"));
        assertFalse(JsonAnswers.isJsonAnswer(failed), "a failure is not answered as if it were a result");
        Exchange recovered = with(Map.of("verified", false));
        recovered.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("login refused"));
        assertTrue(JsonAnswers.isJsonAnswer(recovered), "a doCatch's answer is an answer");
    }

    private static Exchange with(Object body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
