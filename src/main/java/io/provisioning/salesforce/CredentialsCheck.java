package io.provisioning.salesforce;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceComponent;

import io.provisioning.support.ExchangeKeys;

/**
 * "Verify Credentials" from the guide: the answer to a login plus a {@code /limits} read, or Salesforce's own
 * refusal with a hint at what to fix.
 */
public class CredentialsCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> HINTS = Map.of(
            "invalid_grant", "Check the user name and password (append the security token to the password when the org requires it), and that the user may use the connected app.",
            "invalid_client_id", "Check the connected app's consumer key (client-id).",
            "invalid_client", "Check the connected app's consumer secret (client-secret).",
            "unsupported_grant_type", "Check authentication-type: the org does not allow this OAuth flow.",
            "inactive_user", "The integration user is deactivated in Salesforce.",
            "REQUEST_LIMIT_EXCEEDED", "The org has used up its daily API requests; provisioning resumes when they reset.",
            "TIMEOUT", "Salesforce did not answer in time: check the login URL and the network.",
            "CONNECTION_FAILED", "Salesforce could not be reached: check the login URL and the network.");

    private final LoginGuard loginGuard;

    public CredentialsCheck(LoginGuard loginGuard) {
        this.loginGuard = loginGuard;
    }

    /** Body: the {@code /limits} answer. */
    public Map<String, Object> verified(Exchange exchange) throws Exception {
        String application = exchange.getProperty(ExchangeKeys.APPLICATION, String.class);
        String componentName = exchange.getProperty(ExchangeKeys.COMPONENT, String.class);
        SalesforceComponent component = exchange.getContext().getComponent(componentName, SalesforceComponent.class);
        JsonNode requests = JSON.readTree(exchange.getMessage().getBody(String.class)).path("DailyApiRequests");
        loginGuard.loginSucceeded(application);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("application", application);
        answer.put("verified", true);
        answer.put("orgId", component.getSession().getOrgId());
        answer.put("instanceUrl", component.getSession().getInstanceUrl());
        long max = requests.path("Max").asLong();
        long remaining = requests.path("Remaining").asLong();
        answer.put("apiUsage", Map.of("max", max, "remaining", remaining, "used", max - remaining));
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, "success");
        return answer;
    }

    /** Called when the login or the read failed. */
    public Map<String, Object> refused(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SalesforceFailure failure = new SalesforceErrorClassifier().classify(cause);
        String application = exchange.getProperty(ExchangeKeys.APPLICATION, String.class);
        if (failure.loginFailed()) {
            loginGuard.loginFailed(application, failure.errorCode() + ": " + failure.message());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("application", application);
        answer.put("verified", false);
        answer.put("error", failure.errorCode());
        answer.put("message", failure.message());
        answer.put("hint", HINTS.getOrDefault(failure.errorCode(), "See the message from Salesforce."));
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, "failure");
        exchange.setProperty(ExchangeKeys.ERROR_CODE, failure.errorCode());
        exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, failure.message());
        return answer;
    }
}
