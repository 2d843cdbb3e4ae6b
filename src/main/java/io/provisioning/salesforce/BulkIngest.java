package io.provisioning.salesforce;

import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.BulkJobStore;
import io.provisioning.directory.BulkJobStore.State;
import io.provisioning.directory.Operation;
import io.provisioning.directory.OutboxItem;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.reports.ReportRows;
import io.provisioning.support.ExchangeKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.LineEndingEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Large loads through Bulk API 2.0 (issue 18) with camel-salesforce's {@code bulk2*} operations. When more creates of
 * one application wait than its {@code bulk-api.threshold} (or a file being read will bring more), they are reserved
 * from the outbox into a job; the job's CSV is built on disk, the Salesforce job id is stored before the upload, and
 * each result row is mapped back to its user by the external-id column. A restarted bundle resumes by job id: a job
 * still Open (the upload may or may not have happened) is aborted, which applies nothing, and built again; a closed
 * one is followed to its end. Rows Salesforce failed follow the REST retry rules; what a job did not process goes
 * back to the outbox and out through collections.
 */
public final class BulkIngest {
    private static final Logger LOG = LoggerFactory.getLogger(BulkIngest.class);
    private static final int PAGE = 1_000;
    static final String NOTE = "BULK_API";

    private final BulkJobStore store;
    private final SalesforceApplications applications;
    private final BulkIngestPlanner planner;
    private final OutcomeRecorder recorder;
    private final UserDirectory directory;
    private final ToLongFunction<String> thresholds;
    private final int maxRecordsPerJob;
    private final long maxUploadBytes;

    /**
     * @param thresholds the pending creates of an application above which they go through Bulk API (0 = never)
     * @param maxUploadBytes the CSV of one job at most (Salesforce: 150 MB of base64, about 100 MB of CSV)
     */
    public BulkIngest(
            BulkJobStore store,
            SalesforceApplications applications,
            UserDirectory directory,
            ApplicationLinks links,
            AttributeMappings mappings,
            OutcomeRecorder recorder,
            ToLongFunction<String> thresholds,
            int maxRecordsPerJob,
            long maxUploadBytes) {
        this.store = store;
        this.applications = applications;
        this.planner = new BulkIngestPlanner(directory, links, mappings, recorder);
        this.recorder = recorder;
        this.directory = directory;
        this.thresholds = thresholds;
        this.maxRecordsPerJob = maxRecordsPerJob;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** Whether an application's creates can go through Bulk API: a threshold, and an external-id field to map by. */
    private boolean bulkFor(SalesforceApplication application) {
        return thresholds.applyAsLong(application.name()) > 0
                && application.idempotence().upserts();
    }

    /**
     * The outbox's first step, before it claims: reserves large loads for Bulk API jobs, so collections never take
     * them: the creates of a file being read that will exceed the threshold, and any backlog above it.
     */
    public void reserveLargeLoads() {
        Map<String, Long> pending = null;
        for (SalesforceApplication application : applications.all()) {
            if (!bulkFor(application)) {
                continue;
            }
            long threshold = thresholds.applyAsLong(application.name());
            for (String file : store.largeFilesBeingRead(threshold)) {
                reserveAll(application, file);
            }
            if (pending == null) {
                pending = store.pendingByApplication(Operation.CREATE);
            }
            if (pending.getOrDefault(application.name(), 0L) > threshold) {
                reserveAll(application, null);
            }
        }
    }

    private void reserveAll(SalesforceApplication application, String file) {
        BulkJobStore.Job job;
        do {
            job = store.reserve(application.name(), Operation.CREATE, file, maxRecordsPerJob);
        } while (job != null && job.items() >= maxRecordsPerJob);
    }

    /** The bulk route's step: moves every unfinished job of this instance (or of a dead one) as far as it can go. */
    public void advance(Exchange exchange) {
        ProducerTemplate template = exchange.getContext().createProducerTemplate();
        try {
            for (BulkJobStore.Job job : store.claimUnfinished()) {
                try {
                    advance(job, new Calls(template, applications.get(job.application())));
                } catch (RuntimeException | IOException e) {
                    // the job keeps its state and is taken up again at the next round
                    LOG.warn(
                            "Bulk API job {} ({}) could not advance: {}",
                            job.id(),
                            job.salesforceJobId(),
                            e.toString());
                }
            }
        } finally {
            try {
                template.stop();
            } catch (Exception e) {
                LOG.debug("producer template stop", e);
            }
        }
    }

    private void advance(BulkJobStore.Job job, Calls calls) throws IOException {
        switch (job.state()) {
            case reserved -> {
                if (job.fileJobId() != null && job.items() < maxRecordsPerJob && !store.fileRead(job.fileJobId())) {
                    return; // the file is still being read: its rows keep filling this job
                }
                start(job, calls);
            }
            case created -> {
                // the upload may or may not have happened: an Open job is aborted (nothing of it was applied)
                Job info = calls.get(job.salesforceJobId());
                if (info.getState() == JobStateEnum.OPEN) {
                    calls.abort(job.salesforceJobId());
                    store.moveTo(job.id(), State.reserved, null, "restarted before the upload was known to be done");
                } else if (info.getState() == JobStateEnum.ABORTED || info.getState() == JobStateEnum.FAILED) {
                    store.moveTo(job.id(), State.reserved, null, info.getErrorMessage());
                } else {
                    store.moveTo(job.id(), State.closed, job.salesforceJobId(), null);
                }
            }
            case uploaded -> {
                if (calls.get(job.salesforceJobId()).getState() == JobStateEnum.OPEN) {
                    calls.close(job.salesforceJobId());
                }
                store.moveTo(job.id(), State.closed, job.salesforceJobId(), null);
            }
            case closed -> follow(job, calls);
            default -> {}
        }
    }

    /** Builds the job's CSV from its items, creates the Salesforce job (id stored first), uploads, closes. */
    private void start(BulkJobStore.Job job, Calls calls) throws IOException {
        SalesforceApplication application = calls.application;
        try (BulkIngestCsv csv = new BulkIngestCsv()) {
            long after = 0;
            for (List<OutboxItem> items = store.items(job.id(), after, PAGE);
                    !items.isEmpty();
                    items = store.items(job.id(), after, PAGE)) {
                after = items.get(items.size() - 1).id();
                BulkIngestPlanner.Page page = planner.plan(application, items);
                for (CompositeCall.Planned row : page.rows()) {
                    csv.add(row.item().id(), row.item().userId(), row.plan().body());
                }
                store.release(page.giveBack());
                calls.report(application, page.reports());
            }
            String field = application.idempotence().externalIdField();
            Path file = csv.write(field, maxUploadBytes);
            store.release(csv.leftOver());
            if (file == null) {
                store.moveTo(job.id(), State.done, null, null);
                return;
            }
            String salesforceJob = calls.create(application.sObject(), field);
            // stored before the upload: a crash from here on resumes by this id and never uploads the rows twice
            store.moveTo(job.id(), State.created, salesforceJob, null);
            try (InputStream data = Files.newInputStream(file)) {
                calls.upload(salesforceJob, data);
            }
            store.moveTo(job.id(), State.uploaded, salesforceJob, null);
            calls.close(salesforceJob);
            store.moveTo(job.id(), State.closed, salesforceJob, null);
            LOG.info(
                    "Bulk API job {} of {}: {} creates uploaded ({} left for the next job)",
                    salesforceJob,
                    application.name(),
                    csv.rows(),
                    csv.leftOver().size());
        }
    }

    /** Waits for the job's end, then records every result row and gives back what it did not process. */
    private void follow(BulkJobStore.Job job, Calls calls) throws IOException {
        String salesforceJob = job.salesforceJobId();
        Job info = calls.get(salesforceJob);
        JobStateEnum state = info.getState();
        if (state == JobStateEnum.UPLOAD_COMPLETE || state == JobStateEnum.IN_PROGRESS) {
            return;
        }
        if (state == JobStateEnum.OPEN) {
            calls.close(salesforceJob);
            return;
        }
        try (InputStream ok = calls.results("bulk2GetSuccessfulResults", salesforceJob)) {
            read(job, calls, ok, true);
        }
        try (InputStream failed = calls.results("bulk2GetFailedResults", salesforceJob)) {
            read(job, calls, failed, false);
        }
        boolean jobFailed = state != JobStateEnum.JOB_COMPLETE;
        if (jobFailed) {
            failRemaining(job, calls, info);
        }
        int back = store.releaseAll(job.id());
        store.moveTo(job.id(), jobFailed ? State.failed : State.done, salesforceJob, info.getErrorMessage());
        LOG.info(
                "Bulk API job {} of {} ended {}: {} processed, {} failed{}; {} item(s) back to collections",
                salesforceJob,
                job.application(),
                state,
                info.getNumberRecordsProcessed(),
                info.getNumberRecordsFailed(),
                info.getErrorMessage() == null ? "" : " (" + info.getErrorMessage() + ")",
                back);
    }

    /** A job Salesforce failed or aborted: its rows without a result are retried (collections) or fail for good. */
    private void failRemaining(BulkJobStore.Job job, Calls calls, Job info) {
        String message = "Bulk API 2.0 job " + job.salesforceJobId() + " " + info.getState() + ": "
                + (info.getErrorMessage() == null ? "no message" : info.getErrorMessage());
        long after = 0;
        for (List<OutboxItem> items = store.items(job.id(), after, PAGE);
                !items.isEmpty();
                items = store.items(job.id(), after, PAGE)) {
            after = items.get(items.size() - 1).id();
            Map<String, User> users =
                    directory.findAll(items.stream().map(OutboxItem::userId).toList());
            List<Map<String, Object>> reports = new ArrayList<>();
            for (OutboxItem item : items) {
                User user = users.get(item.userId());
                reports.add(BatchWriter.row(
                        item,
                        user == null ? item.userId() : user.userName(),
                        recorder.failed(
                                item, null, new SalesforceFailure(true, 0, "BULK_JOB_FAILED", message), false)));
            }
            calls.report(calls.application, reports);
        }
    }

    /** Maps one result file back to users, a page at a time. */
    private void read(BulkJobStore.Job job, Calls calls, InputStream results, boolean success) throws IOException {
        if (results == null) {
            return;
        }
        SalesforceApplication application = calls.application;
        String field = application.idempotence().externalIdField();
        try (Reader reader = new InputStreamReader(results, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            List<CSVRecord> page = new ArrayList<>(PAGE);
            for (CSVRecord record : parser) {
                page.add(record);
                if (page.size() == PAGE) {
                    recordPage(job, calls, parser.getHeaderNames(), page, field, success);
                    page.clear();
                }
            }
            recordPage(job, calls, parser.getHeaderNames(), page, field, success);
        }
    }

    private void recordPage(
            BulkJobStore.Job job,
            Calls calls,
            List<String> header,
            List<CSVRecord> page,
            String field,
            boolean success) {
        if (page.isEmpty()) {
            return;
        }
        List<String> userIds = page.stream().map(r -> r.get(field)).toList();
        BulkJobStore.Matches matches = store.itemsOfUsers(job.id(), userIds);
        Map<String, User> users = directory.findAll(userIds);
        List<Map<String, Object>> reports = new ArrayList<>();
        List<OutboxItem> done = new ArrayList<>();
        List<WritePlan> plans = new ArrayList<>();
        List<String> recordIds = new ArrayList<>();
        List<InDoubtNote> notes = new ArrayList<>();
        List<String> identifiers = new ArrayList<>();
        for (CSVRecord record : page) {
            String userId = record.get(field);
            OutboxItem item = matches.waiting().get(userId);
            if (item == null) {
                if (!matches.finished().contains(userId)) {
                    reports.add(unmatched(job, userId, record));
                }
                continue;
            }
            User user = users.get(userId);
            String identifier = user == null ? userId : user.userName();
            WritePlan plan = WritePlan.upsert(sentFields(header, record, field));
            if (success) {
                done.add(item);
                plans.add(plan);
                recordIds.add(record.get("sf__Id"));
                notes.add(new InDoubtNote(
                        NOTE,
                        "Bulk API 2.0 job " + job.salesforceJobId()
                                + ("true".equalsIgnoreCase(record.get("sf__Created"))
                                        ? ""
                                        : ": upsert on " + field + " updated the existing record")));
                identifiers.add(identifier);
            } else {
                SalesforceFailure failure = failure(record.get("sf__Error"), job.salesforceJobId());
                reports.add(BatchWriter.row(item, identifier, recorder.failed(item, plan, failure, false)));
            }
        }
        List<Map<String, Object>> outcomes = recorder.succeededAll(done, plans, recordIds, notes);
        for (int i = 0; i < done.size(); i++) {
            reports.add(BatchWriter.row(done.get(i), identifiers.get(i), outcomes.get(i)));
        }
        calls.report(calls.application, reports);
    }

    /** The values a row sent (empty = not sent, {@code #N/A} = null), what the record holds afterwards. */
    private static Map<String, Object> sentFields(List<String> header, CSVRecord record, String field) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String column : header) {
            if (column.startsWith("sf__") || column.equals(field)) {
                continue;
            }
            String value = record.get(column);
            if (BulkIngestCsv.NULL.equals(value)) {
                fields.put(column, null);
            } else if (!value.isEmpty()) {
                fields.put(column, value);
            }
        }
        return fields;
    }

    /** {@code CODE:message:fields --} of a failedResults row. */
    static SalesforceFailure failure(String error, String salesforceJob) {
        String text = error == null ? "" : error.strip();
        int colon = text.indexOf(':');
        String code = colon > 0 ? text.substring(0, colon) : "UNKNOWN_ERROR";
        String rest = colon > 0 ? text.substring(colon + 1) : text;
        int last = rest.lastIndexOf(':');
        String message = last >= 0 && rest.endsWith("--") ? rest.substring(0, last) : rest;
        return new SalesforceFailure(
                SalesforceErrorClassifier.RETRYABLE_CODES.contains(code),
                200,
                code,
                message + " (Bulk API 2.0 job " + salesforceJob + ")");
    }

    /** A result row no item of the job waits for: reported, never dropped. */
    private static Map<String, Object> unmatched(BulkJobStore.Job job, String key, CSVRecord record) {
        LOG.warn("Bulk API job {}: result row {} matches no waiting item ({})", job.salesforceJobId(), key, record);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(ExchangeKeys.REPORT_STATUS, "failure");
        row.put(ExchangeKeys.USER_IDENTIFIER, key == null || key.isEmpty() ? "unknown" : key);
        row.put(ExchangeKeys.OPERATION, job.operation().db());
        row.put(ExchangeKeys.RECORD_ID, record.isMapped("sf__Id") ? record.get("sf__Id") : null);
        row.put(ExchangeKeys.ERROR_CODE, "BULK_RESULT_UNMATCHED");
        row.put(
                ExchangeKeys.ERROR_MESSAGE,
                "Bulk API 2.0 job " + job.salesforceJobId() + " answered a row for " + key
                        + " that no waiting item of the job matches");
        row.put(ExchangeKeys.SOURCE, "bulk-api:" + job.salesforceJobId());
        return row;
    }

    /** The camel-salesforce bulk2 calls of one application, and its report rows. */
    private static final class Calls {
        private final ProducerTemplate template;
        private final SalesforceApplication application;

        Calls(ProducerTemplate template, SalesforceApplication application) {
            this.template = template;
            this.application = application;
        }

        private String uri(String operation) {
            return application.componentName() + ":" + operation;
        }

        String create(String sObject, String externalIdField) {
            Job job = new Job();
            job.setObject(sObject);
            job.setOperation(OperationEnum.UPSERT);
            job.setExternalIdFieldName(externalIdField);
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

        InputStream results(String operation, String jobId) {
            return template.requestBodyAndHeader(uri(operation), null, "jobId", jobId, InputStream.class);
        }

        void report(SalesforceApplication app, List<Map<String, Object>> rows) {
            if (rows.isEmpty()) {
                return;
            }
            template.send("direct:reports-write", exchange -> {
                exchange.setProperty(ExchangeKeys.APPLICATION, app.name());
                exchange.setProperty(ReportRows.REPORT_ROWS, rows);
            });
        }
    }
}
