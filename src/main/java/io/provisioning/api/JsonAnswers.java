package io.provisioning.api;

import java.util.Collection;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Which API answers the {@code api-answers} route configuration writes as JSON: a map or a list the route ended
 * with. An error answer is written by the configuration's own error handling, and a route that answers something
 * else (a CSV stream, Prometheus text) sets its own Content-Type.
 */
public final class JsonAnswers {

    private JsonAnswers() {}

    public static boolean isJsonAnswer(Exchange exchange) {
        // a handled failure arrives here already written by the onException (a doCatch inside a route leaves the
        // caught-exception property set on a normal answer, so that property tells nothing)
        if (exchange.getException() != null) {
            return false;
        }
        Object body = exchange.getMessage().getBody();
        return body instanceof Map || body instanceof Collection;
    }
}
