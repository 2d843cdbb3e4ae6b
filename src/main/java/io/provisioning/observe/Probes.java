package io.provisioning.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * The Kubernetes probes (issue 21). Liveness is the process and the Camel context only, asked through Camel's own
 * health-check API (its {@code context} check), so that a dependency that is down never gets a healthy pod killed.
 * Readiness is the dependencies without which an instance can accept no work (database, broker); the others
 * (Salesforce, SMTP, inbox) are reported with it but do not fail it, since work for them waits and is retried.
 * Probe answers carry statuses only, no reasons: they stay open even when {@code /observe/health} asks for a token.
 */
public class Probes {

    private final CamelContext context;
    private final HealthReport readiness;

    public Probes(CamelContext context, HealthReport readiness) {
        this.context = context;
        this.readiness = readiness;
    }

    /** {@code GET /observe/health/live}: 200 while the Camel context runs, else 503. */
    public Map<String, Object> live(Exchange exchange) {
        CheckResult camel = camelContext();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", camel.status());
        answer.put("checks", Map.of("camel-context", Map.of("status", camel.status())));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, camel.up() ? 200 : 503);
        return answer;
    }

    /** {@code GET /observe/health/ready}: 200 while the deciding dependencies are UP, else 503. */
    public Map<String, Object> ready(Exchange exchange) {
        Map<String, Object> report = readiness.answer(exchange);
        Map<String, Object> statuses = new LinkedHashMap<>();
        ((Map<?, ?>) report.get("checks"))
                .forEach((name, check) ->
                        statuses.put((String) name, Map.of("status", ((Map<?, ?>) check).get("status"))));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", report.get("status"));
        answer.put("checks", statuses);
        return answer;
    }

    CheckResult camelContext() {
        HealthCheck check = HealthCheckHelper.getHealthCheck(context, "context");
        if (check != null) {
            HealthCheck.Result result = check.callLiveness();
            return result.getState() == HealthCheck.State.UP
                    ? CheckResult.ok()
                    : CheckResult.down("camel context " + result.getState());
        }
        // without camel-health's registry: the context's own status
        return context.getStatus().isStarted()
                ? CheckResult.ok()
                : CheckResult.down("camel context " + context.getStatus());
    }
}
