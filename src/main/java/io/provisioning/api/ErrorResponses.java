package io.provisioning.api;

import io.provisioning.directory.DuplicateUserException;
import io.provisioning.directory.UserNotFoundException;
import io.provisioning.requests.InvalidRequestException;
import io.provisioning.salesforce.UnknownApplicationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** Turns an exception caught in an API route into its HTTP status and JSON error body. */
public class ErrorResponses {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ErrorResponses.class);

    public Map<String, Object> toResponse(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        if (error instanceof InvalidRequestException invalid) {
            status = 400;
            body.put("error", "invalid_request");
            body.put("message", invalid.getMessage());
            body.put("fieldErrors", invalid.getFieldErrors());
        } else if (error instanceof UnauthorizedException) {
            status = 401;
            body.put("error", "unauthorized");
            body.put("message", error.getMessage());
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
        } else if (error instanceof UserNotFoundException
                || error instanceof UnknownApplicationException
                || error instanceof JobNotFoundException) {
            status = 404;
            body.put("error", "not_found");
            body.put("message", error.getMessage());
        } else if (error instanceof DuplicateUserException || error instanceof ConflictException) {
            status = 409;
            body.put("error", "conflict");
            body.put("message", error.getMessage());
        } else {
            LOG.error("API request failed", error);
            status = 500;
            body.put("error", "internal_error");
            body.put("message", "The request could not be completed; see the bundle's log");
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return body;
    }
}
