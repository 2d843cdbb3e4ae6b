package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/** Decides whether a failed Salesforce call is worth retrying, and extracts its error code and message. */
public final class SalesforceErrorClassifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Error codes that say "try again later", whatever the HTTP status. */
    static final Set<String> RETRYABLE_CODES = Set.of(
            "UNABLE_TO_LOCK_ROW",
            "SERVER_UNAVAILABLE",
            "REQUEST_LIMIT_EXCEEDED",
            "INVALID_SESSION_ID",
            "QUERY_TIMEOUT");

    /** OAuth error codes of a refused login (lower-case, as the token endpoint sends them). */
    static final Set<String> LOGIN_CODES = Set.of(
            "invalid_grant",
            "invalid_client_id",
            "invalid_client",
            "unsupported_grant_type",
            "inactive_user",
            "inactive_org",
            "invalid_request",
            "rate_limit_exceeded");

    public SalesforceFailure classify(Throwable failure) {
        if (failure == null) {
            return new SalesforceFailure(false, 0, "INTERNAL_ERROR", "no exception was recorded");
        }
        java.sql.SQLException database = findCause(failure, java.sql.SQLException.class);
        if (database != null
                && database.getSQLState() != null
                && database.getSQLState().startsWith("40")) {
            // deadlock or serialization failure (SQL state class 40): the transaction was rolled back, try again
            return new SalesforceFailure(true, 0, "DATABASE_BUSY", rootMessage(failure));
        }
        if (findCause(failure, TimeoutException.class) != null) {
            return new SalesforceFailure(
                    true, 0, "TIMEOUT", "Salesforce did not answer in time: " + failure.getMessage());
        }
        SalesforceException salesforce = findCause(failure, SalesforceException.class);
        if (salesforce != null
                && salesforce.getErrors() != null
                && !salesforce.getErrors().isEmpty()) {
            RestError first = salesforce.getErrors().get(0);
            int status = salesforce.getStatusCode();
            if (LOGIN_CODES.contains(first.getErrorCode())) {
                // Credentials can be fixed without touching the work: retry, but hold the application back.
                return new SalesforceFailure(true, status, first.getErrorCode(), first.getMessage(), true);
            }
            boolean retryable = status >= 500 || status == 0 || RETRYABLE_CODES.contains(first.getErrorCode());
            return new SalesforceFailure(retryable, status, first.getErrorCode(), first.getMessage());
        }
        if (salesforce != null && salesforce.getStatusCode() > 0) {
            int status = salesforce.getStatusCode();
            RestError raw = rawError(salesforce.getMessage());
            if (raw != null) { // a raw call (rawPayload) keeps Salesforce's error body as the message
                boolean retryable = status >= 500 || RETRYABLE_CODES.contains(raw.getErrorCode());
                return new SalesforceFailure(retryable, status, raw.getErrorCode(), raw.getMessage());
            }
            return new SalesforceFailure(
                    status >= 500 || status == 429, status, "HTTP_" + status, salesforce.getMessage());
        }
        if (findCause(failure, ConnectException.class) != null
                || findCause(failure, IOException.class) != null
                || salesforce != null) {
            // No HTTP status: the connection failed or was cut; the call may not have reached Salesforce.
            return new SalesforceFailure(true, 0, "CONNECTION_FAILED", rootMessage(failure));
        }
        return new SalesforceFailure(false, 0, "INTERNAL_ERROR", rootMessage(failure));
    }

    /** The first error of a body such as {@code [{"message":"…","errorCode":"…"}]} quoted in a message, or null. */
    static RestError rawError(String message) {
        int start = message == null ? -1 : message.indexOf("[{");
        if (start < 0) {
            return null;
        }
        try {
            JsonNode first = JSON.readTree(message.substring(start)).path(0);
            String code = first.path("errorCode").asText(null);
            if (code == null) {
                return null;
            }
            RestError error = new RestError();
            error.setErrorCode(code);
            error.setMessage(first.path("message").asText(""));
            return error;
        } catch (IOException e) {
            return null;
        }
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
