package io.provisioning.password;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.LinkState;
import io.provisioning.support.ExchangeKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/**
 * The Java side of the {@code password-sync} routes: which applications get the new password (Password Sync on,
 * target User, user linked), the call for each (camel-salesforce's {@code raw} operation: {@code POST
 * …/sobjects/User/{id}/password} {@code {"NewPassword":…}}), and its outcome and report row. The password is only in
 * the request body, which is cleared right after the call.
 */
public class PasswordSync {

    public static final String CHANGE = "passwordChange";
    public static final String CALL = "passwordSyncCall";
    public static final String OPERATION = "password-sync";
    public static final String INVALID_NEW_PASSWORD = "INVALID_NEW_PASSWORD";
    private static final String STEP = "passwordSyncStep";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<PasswordTarget> targets;
    private final ApplicationLinks links;

    public PasswordSync(List<PasswordTarget> targets, ApplicationLinks links) {
        this.targets = List.copyOf(targets);
        this.links = links;
    }

    /** One step per application whose Password Sync switch is on. */
    public List<SyncStep> steps(String userId) {
        List<SyncStep> steps = new ArrayList<>();
        for (PasswordTarget target : targets) {
            if (!target.passwordSync()) {
                continue;
            }
            if (!"User".equals(target.sObject())) {
                steps.add(new SyncStep(
                        target.application(),
                        target.apiVersion(),
                        null,
                        "not applicable: the application's target is " + target.sObject() + ", not User"));
                continue;
            }
            ApplicationLink link = links.find(userId, target.application()).orElse(null);
            boolean linked = link != null && link.recordId() != null && link.state() != LinkState.DELETED;
            steps.add(
                    linked
                            ? new SyncStep(target.application(), target.apiVersion(), link.recordId(), null)
                            : new SyncStep(
                                    target.application(),
                                    target.apiVersion(),
                                    null,
                                    "the user has no Salesforce User in this application"));
        }
        return steps;
    }

    /** Body: a {@link SyncStep}. Afterwards the call (body, raw path) or, when not applicable, the skipped outcome. */
    public void request(Exchange exchange) throws Exception {
        SyncStep step = exchange.getMessage().getBody(SyncStep.class);
        PasswordChange change = exchange.getProperty(CHANGE, PasswordChange.class);
        exchange.setProperty(STEP, step);
        exchange.setProperty(ExchangeKeys.STARTED_AT, System.nanoTime());
        exchange.setProperty(ExchangeKeys.APPLICATION, step.application());
        exchange.setProperty(ExchangeKeys.COMPONENT, step.application());
        exchange.setProperty(ExchangeKeys.OPERATION, OPERATION);
        exchange.setProperty(ExchangeKeys.SOURCE, "reset-page");
        exchange.setProperty(ExchangeKeys.ATTEMPT, 1);
        exchange.setProperty(ExchangeKeys.USER_ID, change.userId());
        exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, change.userName());
        exchange.getMessage().removeHeaders("*");
        if (!step.applicable()) {
            exchange.setProperty(CALL, false);
            exchange.getMessage().setBody(null);
            change.add(new PasswordChange.Outcome(step.application(), "skipped", null, step.skipReason()));
            report(exchange, "skipped", null, step.skipReason());
            return;
        }
        exchange.setProperty(CALL, true);
        exchange.setProperty(ExchangeKeys.RECORD_ID, step.recordId());
        exchange.getMessage().setHeader("rawPath", step.passwordPath());
        exchange.getMessage().setBody(JSON.writeValueAsString(Map.of("NewPassword", change.secret())));
    }

    public void succeeded(Exchange exchange) {
        clear(exchange);
        SyncStep step = exchange.getProperty(STEP, SyncStep.class);
        exchange.getProperty(CHANGE, PasswordChange.class)
                .add(new PasswordChange.Outcome(step.application(), "success", null, null));
        report(exchange, "success", null, null);
    }

    /** Called by the error handler: Salesforce's refusal (e.g. INVALID_NEW_PASSWORD with its message) or a failure. */
    public void failed(Exchange exchange) {
        clear(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SyncStep step = exchange.getProperty(STEP, SyncStep.class);
        String[] error = error(cause);
        String application = step == null
                ? exchange.getProperty(ExchangeKeys.APPLICATION, "unknown", String.class)
                : step.application();
        PasswordChange change = exchange.getProperty(CHANGE, PasswordChange.class);
        if (change != null) {
            change.add(new PasswordChange.Outcome(
                    application, INVALID_NEW_PASSWORD.equals(error[0]) ? "rejected" : "failure", error[0], error[1]));
        }
        report(exchange, "failure", error[0], error[1]);
    }

    /** Error code and message of a failed call. */
    static String[] error(Throwable cause) {
        if (cause instanceof SalesforceException salesforce) {
            List<RestError> errors = salesforce.getErrors();
            if (errors != null && !errors.isEmpty()) {
                return new String[] {errors.get(0).getErrorCode(), errors.get(0).getMessage()};
            }
            // The raw operation leaves Salesforce's answer as the exception message.
            String text = String.valueOf(salesforce.getMessage());
            int start = text.indexOf('[');
            int end = text.lastIndexOf(']');
            if (start >= 0 && end > start) {
                try {
                    JsonNode first =
                            JSON.readTree(text.substring(start, end + 1)).path(0);
                    if (first.hasNonNull("errorCode")) {
                        return new String[] {
                            first.get("errorCode").asText(),
                            first.path("message").asText(null)
                        };
                    }
                } catch (java.io.IOException e) {
                    // not Salesforce's error list: fall through
                }
            }
            return new String[] {
                salesforce.getStatusCode() > 0 ? "HTTP_" + salesforce.getStatusCode() : "CALL_FAILED", text
            };
        }
        return new String[] {
            "CALL_FAILED",
            cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage()
        };
    }

    private static void clear(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
    }

    private static void report(Exchange exchange, String status, String code, String message) {
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, status);
        exchange.setProperty(ExchangeKeys.ERROR_CODE, code);
        exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, message);
    }
}
