package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.ImportOutcome;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.UserDirectory;
import io.provisioning.mapping.AttributeMapping;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.reports.ReportRows;
import io.provisioning.support.ExchangeKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java side of the {@code salesforce-import} route: builds the SOQL, applies each page of records to the
 * directory (matched by the application's matching rule), and keeps the job's counters and report rows.
 */
public class SalesforceImporter {

    public static final String JOB_ID = "jobId";
    public static final String NEXT_RECORDS_URL = "nextRecordsUrl";
    public static final String IMPORT_ENABLED = "importEnabled";
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceImporter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceApplications applications;
    private final AttributeMappings mappings;
    private final UserDirectory directory;
    private final Jobs jobs;

    public SalesforceImporter(
            SalesforceApplications applications, AttributeMappings mappings, UserDirectory directory, Jobs jobs) {
        this.applications = applications;
        this.mappings = mappings;
        this.directory = directory;
        this.jobs = jobs;
    }

    /** Starts a job for the application; the route runs it in the background. */
    public String startJob(String applicationName, String source) {
        SalesforceApplication application = applications.get(applicationName);
        return jobs.start("import", application.name(), source);
    }

    /**
     * Sets the job's properties, and {@code importEnabled} when the application's Import switch is on; when off,
     * the job ends as skipped with a report row.
     */
    public void begin(Exchange exchange) {
        SalesforceApplication application =
                applications.get(exchange.getProperty(ExchangeKeys.APPLICATION, String.class));
        exchange.setProperty(ExchangeKeys.COMPONENT, application.componentName());
        exchange.setProperty(ExchangeKeys.OPERATION, "import");
        exchange.setProperty(ExchangeKeys.STARTED_AT, System.nanoTime());
        exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, "job:" + exchange.getProperty(JOB_ID, String.class));
        exchange.setProperty(ExchangeKeys.SOURCE, "import:" + application.name());
        exchange.setProperty(IMPORT_ENABLED, application.enabled(Feature.IMPORT));
        if (!application.enabled(Feature.IMPORT)) {
            String reason = WritePlanner.switchedOff(Feature.IMPORT, application);
            jobs.finish(exchange.getProperty(JOB_ID, String.class), Jobs.SKIPPED, reason);
            exchange.setProperty(ExchangeKeys.REPORT_STATUS, "skipped");
            exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, reason);
        }
    }

    /** The SOQL that reads every record with the mapped fields, the matching field and the id. */
    public String soql(Exchange exchange) {
        SalesforceApplication application =
                applications.get(exchange.getProperty(ExchangeKeys.APPLICATION, String.class));
        Set<String> fields = new LinkedHashSet<>();
        fields.add("Id");
        fields.add(application.matching().field());
        fields.addAll(mappings.forApplication(application.name()).targets());
        if ("User".equals(application.sObject())) {
            fields.add("IsActive");
        }
        String filter = application.matching().importFilter();
        return "SELECT " + String.join(", ", fields) + " FROM " + application.sObject()
                + (filter.isBlank() ? "" : " WHERE (" + filter + ")") + " ORDER BY Id";
    }

    /**
     * Body: one page of query results. Applies each record, adds to the job's counters, and leaves the report rows
     * of created, updated and failed records in the {@code reportRows} property and the next page's URL (or
     * null) in {@code nextRecordsUrl} and the body.
     */
    public String applyPage(Exchange exchange) throws Exception {
        String applicationName = exchange.getProperty(ExchangeKeys.APPLICATION, String.class);
        SalesforceApplication application = applications.get(applicationName);
        AttributeMapping mapping = mappings.forApplication(applicationName);
        String jobId = exchange.getProperty(JOB_ID, String.class);
        JsonNode page = JSON.readTree(exchange.getMessage().getBody(String.class));
        long created = 0;
        long updated = 0;
        long unchanged = 0;
        long failed = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        String ownUserId = "User".equals(application.sObject()) ? loggedInUserId(exchange) : null;
        for (JsonNode record : page.path("records")) {
            String recordId = record.path("Id").asText();
            if (recordId.equals(ownUserId)) {
                unchanged++; // the integration user the bundle logs in as is not a person to provision
                continue;
            }
            Map<String, Object> attributes = attributes(record, application, mapping);
            Map<String, Object> synced = new LinkedHashMap<>();
            mapping.targets().forEach(field -> synced.put(field, value(record.get(field))));
            String identifier =
                    String.valueOf(attributes.getOrDefault("userName", attributes.getOrDefault("email", recordId)));
            try {
                ImportOutcome outcome = directory.importRecord(
                        applicationName,
                        application.matching().attribute(),
                        recordId,
                        attributes,
                        JSON.writeValueAsString(synced));
                switch (outcome) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    default -> unchanged++;
                }
                if (outcome != ImportOutcome.UNCHANGED) {
                    rows.add(row(
                            exchange,
                            identifier,
                            recordId,
                            "success",
                            null,
                            outcome.name().toLowerCase()));
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.warn(
                        "Import of {} {} into the directory failed: {}",
                        application.sObject(),
                        recordId,
                        e.getMessage());
                rows.add(row(exchange, identifier, recordId, "failure", "IMPORT_REJECTED", e.getMessage()));
            }
        }
        jobs.progress(jobId, new Jobs.Counts(page.path("records").size(), created, updated, unchanged, failed));
        String next = page.path("done").asBoolean(true)
                ? null
                : page.path("nextRecordsUrl").asText(null);
        if (next == null) {
            exchange.removeProperty(NEXT_RECORDS_URL);
        } else {
            exchange.setProperty(NEXT_RECORDS_URL, next);
        }
        exchange.setProperty(ReportRows.REPORT_ROWS, rows);
        return next;
    }

    /** The id of the user the application's session runs as (the end of its identity URL), or null. */
    private static String loggedInUserId(Exchange exchange) {
        try {
            var component = exchange.getContext()
                    .getComponent(
                            exchange.getProperty(ExchangeKeys.COMPONENT, String.class),
                            org.apache.camel.component.salesforce.SalesforceComponent.class);
            String identity = component == null || component.getSession() == null
                    ? null
                    : component.getSession().getId();
            return identity == null ? null : identity.substring(identity.lastIndexOf('/') + 1);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The job ran through: completed, with a summary report row. */
    public void finished(Exchange exchange) {
        String jobId = exchange.getProperty(JOB_ID, String.class);
        jobs.finish(jobId, Jobs.COMPLETED, null);
        Map<String, Object> view = jobs.view(jobId).orElseThrow();
        exchange.removeProperty(ReportRows.REPORT_ROWS);
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, "success");
        exchange.setProperty(
                ExchangeKeys.ERROR_MESSAGE,
                "read " + view.get("read") + ", created " + view.get("created") + ", updated " + view.get("updated")
                        + ", unchanged " + view.get("unchanged") + ", failed " + view.get("failed"));
    }

    /** Called by the error handler: the job failed (e.g. Salesforce refused the query). */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SalesforceFailure failure = new SalesforceErrorClassifier().classify(cause);
        String jobId = exchange.getProperty(JOB_ID, String.class);
        jobs.finish(jobId, Jobs.FAILED, failure.errorCode() + ": " + failure.message());
        exchange.removeProperty(ReportRows.REPORT_ROWS);
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, "failure");
        exchange.setProperty(ExchangeKeys.ERROR_CODE, failure.errorCode());
        exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, failure.message());
    }

    /** Directory attributes read from a record: the reversible mapping rules, plus IsActive for User records. */
    private static Map<String, Object> attributes(
            JsonNode record, SalesforceApplication application, AttributeMapping mapping) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        mapping.reversible().forEach((field, attribute) -> {
            Object value = value(record.get(field));
            if (value != null) {
                attributes.put(attribute, value);
            }
        });
        Object matchValue = value(record.get(application.matching().field()));
        if (matchValue != null) {
            attributes.putIfAbsent(application.matching().attribute(), matchValue);
        }
        if ("User".equals(application.sObject()) && record.has("IsActive")) {
            attributes.put("active", record.get("IsActive").asBoolean());
        }
        return attributes;
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isBoolean() ? node.booleanValue() : node.isNumber() ? node.numberValue() : node.asText();
    }

    private static Map<String, Object> row(
            Exchange exchange, String identifier, String recordId, String status, String errorCode, String message) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(ExchangeKeys.USER_IDENTIFIER, identifier);
        row.put(ExchangeKeys.RECORD_ID, recordId);
        row.put(ExchangeKeys.REPORT_STATUS, status);
        row.put(ExchangeKeys.ERROR_CODE, errorCode);
        row.put(ExchangeKeys.ERROR_MESSAGE, message);
        return row;
    }
}
