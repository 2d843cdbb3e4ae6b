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

    BulkIngestCalls(ProducerTemplate template, SalesforceApplication application) {
        this.template = template;
        this.application = application;
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
