package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.support.ExchangeKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceComponent;

/**
 * "Verify Credentials" from the guide: the answer to a login plus a {@code /limits} read, or Salesforce's own
 * refusal with a hint at what to fix.
 */
public class CredentialsCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoginGuard loginGuard;
    private final SalesforceApplications applications;
    private final io.provisioning.mapping.AttributeMappings mappings;

    public CredentialsCheck(
            LoginGuard loginGuard,
            SalesforceApplications applications,
            io.provisioning.mapping.AttributeMappings mappings) {
        this.loginGuard = loginGuard;
        this.applications = applications;
        this.mappings = mappings;
    }

    /** Body: the describe of the application's sObject; variable {@code limits}: the {@code /limits} answer. */
    public Map<String, Object> verified(Exchange exchange) throws Exception {
        String application = exchange.getProperty(ExchangeKeys.APPLICATION, String.class);
        String componentName = exchange.getProperty(ExchangeKeys.COMPONENT, String.class);
        SalesforceComponent component = exchange.getContext().getComponent(componentName, SalesforceComponent.class);
        JsonNode requests =
                JSON.readTree(exchange.getVariable("limits", String.class)).path("DailyApiRequests");
        JsonNode describe = JSON.readTree(exchange.getMessage().getBody(String.class));
        SalesforceApplication app = applications.get(application);
        List<OrgFieldCheck.Finding> findings =
                OrgFieldCheck.check(app.sObject(), mappings.forApplication(application), app.mappingFile(), describe);
        loginGuard.loginSucceeded(application);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("application", application);
        answer.put("verified", true);
        answer.put("orgId", component.getSession().getOrgId());
        answer.put("instanceUrl", component.getSession().getInstanceUrl());
        long max = requests.path("Max").asLong();
        long remaining = requests.path("Remaining").asLong();
        answer.put("apiUsage", Map.of("max", max, "remaining", remaining, "used", max - remaining));
        answer.put("apiVersion", app.connection().apiVersion());
        answer.put("fieldsWritable", findings.stream().allMatch(OrgFieldCheck.Finding::ok));
        answer.put(
                "fields",
                findings.stream()
                        .map(f ->
                                Map.of("field", f.field(), "mapping", f.location(), "ok", f.ok(), "detail", f.detail()))
                        .toList());
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, "success");
        return answer;
    }

    /** Called when the login or the read failed. */
    public Map<String, Object> refused(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SalesforceFailure failure = new SalesforceErrorClassifier().classify(cause);
        String application = exchange.getProperty(ExchangeKeys.APPLICATION, String.class);
        if (failure.loginFailed()) {
            SalesforceFailure explained = LoginHints.explained(
                    applications.get(application).connection().flow(), failure);
            loginGuard.loginFailed(application, explained.errorCode() + ": " + explained.message());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("application", application);
        answer.put("verified", false);
        answer.put("error", failure.errorCode());
        answer.put("message", failure.message());
        answer.put(
                "hint",
                LoginHints.hint(
                        applications.get(application).connection().flow(), failure.errorCode(), failure.message()));
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, "failure");
        exchange.setProperty(ExchangeKeys.ERROR_CODE, failure.errorCode());
        exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, failure.message());
        return answer;
    }
}
