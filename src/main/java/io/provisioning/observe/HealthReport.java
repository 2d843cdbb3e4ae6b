package io.provisioning.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/**
 * {@code GET /observe/health}: every dependency's check by name, UP only when all are UP (else HTTP 503). The
 * readiness probe is the same report in which only some checks decide: the others are reported, never failing.
 */
public class HealthReport {

    private final Map<String, Supplier<CheckResult>> checks;
    private final Set<String> deciding;
    private final Map<String, Supplier<Object>> sections = new LinkedHashMap<>();

    /** @param checks by name, in the order they are reported; all of them decide */
    public HealthReport(Map<String, Supplier<CheckResult>> checks) {
        this(checks, checks.keySet());
    }

    /** @param deciding the names of the checks whose DOWN makes the report DOWN */
    public HealthReport(Map<String, Supplier<CheckResult>> checks, Set<String> deciding) {
        this.checks = new LinkedHashMap<>(checks);
        this.deciding = Set.copyOf(deciding);
    }

    /** Adds a section shown beside the checks that never makes the answer DOWN (e.g. each application's state). */
    public void section(String name, Supplier<Object> section) {
        sections.put(name, section);
    }

    public Map<String, Object> report() {
        Map<String, Object> results = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, Supplier<CheckResult>> check : checks.entrySet()) {
            CheckResult result = run(check.getValue());
            up &= result.up() || !deciding.contains(check.getKey());
            results.put(check.getKey(), result.toMap());
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", up ? "UP" : "DOWN");
        report.put("checks", results);
        sections.forEach((name, section) -> report.put(name, read(section)));
        return report;
    }

    /** The route's bean: the report as the body, 503 when a dependency is down. */
    public Map<String, Object> answer(Exchange exchange) {
        Map<String, Object> report = report();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, "UP".equals(report.get("status")) ? 200 : 503);
        return report;
    }

    /** A section never decides the answer: one that cannot be read (the database is down) says why instead. */
    private static Object read(Supplier<Object> section) {
        try {
            return section.get();
        } catch (RuntimeException e) {
            return Map.of("unavailable", CheckResult.down(e).reason());
        }
    }

    private static CheckResult run(Supplier<CheckResult> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return CheckResult.down(e);
        }
    }
}
