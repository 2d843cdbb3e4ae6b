package io.provisioning.safety;

import io.provisioning.directory.HeldOperations.Held;
import io.provisioning.reports.ReportRows;
import io.provisioning.support.ExchangeKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * Report rows of the protections (issue 17), through {@code reports-write} like every other row: an application
 * paused, quarantined or resumed (identifier {@code application:<name>}); each deletion held or discarded.
 */
public class SafetyReports {

    static final String HELD = "held";
    static final String DISCARDED = "discarded";

    private final CamelContext context;
    private volatile ProducerTemplate producer;

    public SafetyReports(CamelContext context) {
        this.context = context;
    }

    /** @param operation pause, quarantine or resume */
    void application(String application, String operation, String status, String code, String message) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(ExchangeKeys.USER_IDENTIFIER, "application:" + application);
        row.put(ExchangeKeys.OPERATION, operation);
        row.put(ExchangeKeys.REPORT_STATUS, status);
        row.put(ExchangeKeys.ERROR_CODE, code);
        row.put(ExchangeKeys.ERROR_MESSAGE, message);
        row.put(ExchangeKeys.SOURCE, "safety:" + application);
        write(application, List.of(row));
    }

    /** One row per item, status {@code held} or {@code discarded}. */
    void items(String application, List<Held> items, String status, String code, String message) {
        if (items.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Held item : items) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(ExchangeKeys.USER_IDENTIFIER, item.userName() != null ? item.userName() : item.userId());
            row.put(ExchangeKeys.USER_ID, item.userId());
            row.put(ExchangeKeys.OPERATION, item.operation());
            row.put(ExchangeKeys.REPORT_STATUS, status);
            row.put(ExchangeKeys.ERROR_CODE, code);
            row.put(ExchangeKeys.ERROR_MESSAGE, message);
            row.put(ExchangeKeys.SOURCE, item.source());
            row.put(ExchangeKeys.REQUEST_ID, item.jobId());
            rows.add(row);
        }
        write(application, rows);
    }

    private void write(String application, List<Map<String, Object>> rows) {
        if (producer == null) { // made on first use: the routes exist by then
            producer = context.createProducerTemplate();
        }
        producer.send("direct:reports-write", exchange -> {
            exchange.setProperty(ExchangeKeys.APPLICATION, application);
            exchange.setProperty(ReportRows.REPORT_ROWS, rows);
        });
    }
}
