package io.provisioning.salesforce;

import io.provisioning.reports.ReportRows;
import io.provisioning.support.ExchangeKeys;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.LineEndingEnum;

/** The camel-salesforce {@code bulk2*} calls of one application's ingest jobs, and their report rows. */
final class BulkIngestCalls {
    private final ProducerTemplate template;
    private final SalesforceApplication application;
    private org.apache.camel.Exchange defaults;

    BulkIngestCalls(ProducerTemplate template, SalesforceApplication application) {
        this.template = template;
        this.application = application;
    }

    /**
     * Writes one item's report row in the transaction that records its outcome; {@link #report} then only counts and
     * logs it.
     */
    OutcomeRecorder.ReportsAlong along(io.provisioning.directory.OutboxItem item, String identifier) {
        return BatchWriter.along(defaults(), item, identifier);
    }

    /** {@link #along} for a page of successes recorded together. */
    OutcomeRecorder.BatchReports along(List<io.provisioning.directory.OutboxItem> items, List<String> identifiers) {
        return OutcomeRecorder.BatchReports.stored(defaults(), items, identifiers);
    }

    /** What a report row takes from its exchange when the row does not say it: the application. */
    private org.apache.camel.Exchange defaults() {
        if (defaults == null) {
            defaults = new org.apache.camel.support.DefaultExchange(template.getCamelContext());
            defaults.setProperty(ExchangeKeys.APPLICATION, application.name());
        }
        return defaults;
    }

    SalesforceApplication application() {
        return application;
    }

    private String uri(String operation) {
        return application.componentName() + ":" + operation;
    }

    /** @return the new job's id */
    String create(BulkOperation operation) {
        Job job = new Job();
        job.setObject(application.sObject());
        job.setOperation(operation.salesforce());
        if (operation == BulkOperation.UPSERT) {
            job.setExternalIdFieldName(application.idempotence().externalIdField());
        }
        job.setContentType(ContentTypeEnum.CSV);
        job.setLineEnding(LineEndingEnum.LF);
        return template.requestBody(uri("bulk2CreateJob"), job, Job.class).getId();
    }

    void upload(String jobId, InputStream csv) {
        template.requestBodyAndHeader(uri("bulk2CreateBatch"), csv, "jobId", jobId);
    }

    void close(String jobId) {
        template.requestBodyAndHeader(uri("bulk2CloseJob"), null, "jobId", jobId);
    }

    void abort(String jobId) {
        template.requestBodyAndHeader(uri("bulk2AbortJob"), null, "jobId", jobId);
    }

    Job get(String jobId) {
        return template.requestBodyAndHeader(uri("bulk2GetJob"), null, "jobId", jobId, Job.class);
    }

    InputStream successfulResults(String jobId) {
        return template.requestBodyAndHeader(uri("bulk2GetSuccessfulResults"), null, "jobId", jobId, InputStream.class);
    }

    InputStream failedResults(String jobId) {
        return template.requestBodyAndHeader(uri("bulk2GetFailedResults"), null, "jobId", jobId, InputStream.class);
    }

    void report(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        template.send("direct:reports-write", exchange -> {
            exchange.setProperty(ExchangeKeys.APPLICATION, application.name());
            exchange.setProperty(ReportRows.REPORT_ROWS, rows);
        });
    }
}
