package io.provisioning.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception caught in a SCIM route into an RFC 7644 §3.12 error ({@code status} as a string, {@code
 * scimType}).
 */
public class ScimErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ScimErrors.class);

    private final ScimHttp http;

    public ScimErrors(ScimHttp http) {
        this.http = http;
    }

    public String toResponse(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status;
        String scimType = null;
        String detail;
        if (error instanceof ScimException scim) {
            status = scim.status();
            scimType = scim.scimType();
            detail = scim.getMessage();
        } else {
            LOG.error("SCIM request failed", error);
            status = 500;
            detail = "The request could not be completed; see the bundle's log";
        }
        ObjectNode body = ScimSchemas.object();
        body.putArray("schemas").add(ScimSchemas.ERROR);
        body.put("status", String.valueOf(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        String json = http.answer(exchange, status, body, null, null);
        if (status == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"scim\"");
        }
        return json;
    }
}
