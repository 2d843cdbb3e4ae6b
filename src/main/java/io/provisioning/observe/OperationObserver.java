package io.provisioning.observe;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs every operation where its report rows are written ({@code reports-write}): one line per row on the
 * {@code provisioning.operations} logger. Report rows never hold passwords or tokens, so neither do these lines.
 */
public class OperationObserver {

    /** The logger of the one-line-per-operation log. */
    public static final String LOGGER = "provisioning.operations";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final ProvisioningMetrics metrics;

    public OperationObserver(ProvisioningMetrics metrics) {
        this.metrics = metrics;
    }

    /** @param rows the report rows of one operation (the {@code reports-write} body) */
    public void record(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            metrics.operation(text(row.get("application")), text(row.get("operation")), text(row.get("status")));
            LOG.info("{}", line(row));
        }
    }

    static String line(Map<String, Object> row) {
        return new KeyValueLine()
                .add("kind", "operation")
                .add("correlationId", row.get("correlationId"))
                .add("requestId", row.get("requestId"))
                .add("userName", row.get("userIdentifier"))
                .add("application", row.get("application"))
                .add("operation", row.get("operation"))
                .add("outcome", row.get("status"))
                .add("durationMs", row.get("durationMs"))
                .add("attempt", row.get("attempt"))
                .add("recordId", row.get("recordId"))
                .add("errorCode", row.get("errorCode"))
                .add("error", row.get("errorMessage"))
                .add("source", row.get("source"))
                .toString();
    }

    private static String text(Object value) {
        return value == null ? "unknown" : value.toString();
    }
}
