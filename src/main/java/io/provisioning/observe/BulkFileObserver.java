package io.provisioning.observe;

import io.provisioning.directory.BulkOutcome;
import io.provisioning.support.ExchangeKeys;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** After a bulk file is read: counts its rows by outcome and logs one summary line for the file. */
public class BulkFileObserver {

    private static final Logger LOG = LoggerFactory.getLogger(OperationObserver.LOGGER);

    private final ProvisioningMetrics metrics;

    public BulkFileObserver(ProvisioningMetrics metrics) {
        this.metrics = metrics;
    }

    public void fileRead(Exchange exchange) {
        Map<?, ?> outcomes = exchange.getProperty(ExchangeKeys.BULK_ROWS, Map.class);
        if (outcomes == null) {
            return;
        }
        KeyValueLine line = new KeyValueLine()
                .add("kind", "bulk-file")
                .add("correlationId", exchange.getProperty(ExchangeKeys.SOURCE))
                .add("requestId", exchange.getProperty(ExchangeKeys.REQUEST_ID))
                .add("operation", exchange.getProperty(ExchangeKeys.OPERATION))
                .add("outcome", "read");
        long rows = 0;
        for (BulkOutcome outcome : BulkOutcome.values()) {
            Object count = outcomes.get(outcome);
            long n = count instanceof Number number ? number.longValue() : 0;
            rows += n;
            if (n > 0) {
                metrics.bulkRows(outcome.label(), n);
            }
            line.add(outcome.label(), n);
        }
        Object started = exchange.getProperty(ExchangeKeys.STARTED_AT);
        LOG.info(
                "{}",
                line.add("rows", rows)
                        .add(
                                "durationMs",
                                started instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000_000 : null));
    }
}
