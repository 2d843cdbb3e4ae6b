package io.provisioning.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.LinkedRecords;
import io.provisioning.directory.ReconcileRuns;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.mapping.AttributeMapping;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.reports.ReportRows;
import io.provisioning.salesforce.Feature;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.ExchangeKeys;
import io.provisioning.support.Redaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java side of the {@code salesforce-reconcile} route (issue 17, item 6): reads an application's linked records
 * in batches of up to 2,000 ids per sObject Collections retrieve (the fewest calls the REST API allows: 10,000
 * records in 5), compares the mapped fields with what the bundle last wrote, reports each {@code drift} and
 * {@code missing} record, and in {@code repair} mode queues the repair through the outbox (switches respected there).
 */
public class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    static final String RUN = "reconcileRun";
    private static final String BATCH = "reconcileBatch";
    /** The most ids one sObject Collections retrieve takes (POST with a body). */
    public static final int MAX_BATCH = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceApplications applications;
    private final AttributeMappings mappings;
    private final UserDirectory directory;
    private final LinkedRecords records;
    private final ReconcileRuns runs;
    private final Jobs jobs;
    private final DriftMetrics metrics;
    private final int batchSize;

    public Reconciler(
            SalesforceApplications applications,
            AttributeMappings mappings,
            UserDirectory directory,
            LinkedRecords records,
            ReconcileRuns runs,
            Jobs jobs,
            DriftMetrics metrics,
            int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("reconcile batch size must be 1.." + MAX_BATCH + ", got " + batchSize);
        }
        this.applications = applications;
        this.mappings = mappings;
        this.directory = directory;
        this.records = records;
        this.runs = runs;
        this.jobs = jobs;
        this.metrics = metrics;
        this.batchSize = batchSize;
    }

    /** {@code POST /api/applications/{app}/reconcile?mode=}: starts a run (409 while one runs); its job. */
    public Map<String, Object> start(@Header("app") String app, @Header("mode") String mode, Exchange exchange) {
        SalesforceApplication application = applications.get(app);
        ReconcileMode parsed = ReconcileMode.parse(mode);
        ReconcileRuns.Start start = begin(
                application,
                parsed,
                "api:POST /api/applications/" + application.name() + "/reconcile?mode=" + parsed.label(),
                exchange);
        if (!start.started()) {
            throw new ReconcileRunningException(application.name(), start.jobId());
        }
        return jobs.view(start.jobId()).orElseThrow();
    }

    /** The schedule: the applications to reconcile (each one's run is started by {@link #startScheduled}). */
    public List<String> scheduledApplications() {
        return applications.all().stream().map(SalesforceApplication::name).toList();
    }

    /** Body: an application name. Whether its scheduled run started (not when one is running already). */
    public boolean startScheduled(Exchange exchange, @Header("reconcileMode") String mode) {
        SalesforceApplication application =
                applications.get(exchange.getMessage().getBody(String.class));
        ReconcileRuns.Start start = begin(application, ReconcileMode.parse(mode), "schedule:reconcile", exchange);
        if (!start.started()) {
            LOG.info("Scheduled reconcile of {} skipped: job {} is running", application.name(), start.jobId());
        }
        return start.started();
    }

    /** The new job, or the one running already (then nothing starts). */
    private ReconcileRuns.Start begin(
            SalesforceApplication application, ReconcileMode mode, String source, Exchange exchange) {
        ReconcileRuns.Start start = runs.start(application.name(), source);
        if (!start.started()) {
            return start;
        }
        AttributeMapping mapping = mappings.forApplication(application.name());
        Set<String> fields = new LinkedHashSet<>();
        fields.add("Id");
        fields.addAll(mapping.targets());
        fields.addAll(mapping.createDefaults().keySet());
        exchange.setProperty(RUN, new ReconcileRun(start.jobId(), application, mode, List.copyOf(fields), source));
        exchange.setProperty(ExchangeKeys.APPLICATION, application.name());
        exchange.setProperty(ExchangeKeys.COMPONENT, application.componentName());
        exchange.setProperty(ExchangeKeys.OPERATION, "reconcile");
        exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, "application:" + application.name());
        exchange.setProperty(ExchangeKeys.SOURCE, source);
        exchange.setProperty(ExchangeKeys.REQUEST_ID, start.jobId());
        exchange.setProperty(ExchangeKeys.STARTED_AT, System.nanoTime());
        LOG.info("Reconcile of {} started ({}): job {}", application.name(), mode.label(), start.jobId());
        return start;
    }

    /** Body afterwards: the linked records to read, in batches. */
    public List<List<LinkedRecords.Linked>> batches(Exchange exchange) {
        ReconcileRun run = exchange.getProperty(RUN, ReconcileRun.class);
        List<LinkedRecords.Linked> linked = records.withRecords(run.application.name());
        List<List<LinkedRecords.Linked>> batches = new ArrayList<>();
        for (int from = 0; from < linked.size(); from += batchSize) {
            batches.add(linked.subList(from, Math.min(linked.size(), from + batchSize)));
        }
        return batches;
    }

    /** Whether the run goes on (a failed batch ends it). */
    public boolean running(Exchange exchange) {
        return !exchange.getProperty(RUN, ReconcileRun.class).failed;
    }

    /** Body: one batch. Afterwards: the camel-salesforce {@code raw} sObject Collections retrieve of its records. */
    public void request(Exchange exchange) throws JsonProcessingException {
        ReconcileRun run = exchange.getProperty(RUN, ReconcileRun.class);
        @SuppressWarnings("unchecked")
        List<LinkedRecords.Linked> batch = exchange.getMessage().getBody(List.class);
        exchange.setProperty(BATCH, batch);
        String version = exchange.getContext()
                .getComponent(run.application.componentName(), SalesforceComponent.class)
                .getConfig()
                .getApiVersion();
        var message = exchange.getMessage();
        message.setHeader("rawPath", "/services/data/v" + version + "/composite/sobjects/" + run.application.sObject());
        message.setHeader("rawMethod", "POST");
        message.removeHeader("rawQueryParameters");
        message.setBody(JSON.writeValueAsString(
                Map.of("ids", batch.stream().map(LinkedRecords.Linked::recordId).toList(), "fields", run.fields)));
    }

    /**
     * Body: the retrieve's answer (one element per id, in order; null for a record deleted in Salesforce). Sets one
     * report row per drifted or missing record and, in repair mode, queues the repairs.
     */
    public void compare(Exchange exchange) throws Exception {
        ReconcileRun run = exchange.getProperty(RUN, ReconcileRun.class);
        @SuppressWarnings("unchecked")
        List<LinkedRecords.Linked> batch = exchange.getProperty(BATCH, List.class);
        JsonNode answer = JSON.readTree(exchange.getMessage().getBody(String.class));
        Map<String, User> users = directory.findAll(
                batch.stream().map(LinkedRecords.Linked::userId).toList());
        AttributeMapping mapping = mappings.forApplication(run.application.name());
        List<Map<String, Object>> rows = new ArrayList<>();
        List<LinkedRecords.Repair> repairs = new ArrayList<>();
        List<LinkedRecords.Repair> snapshots = new ArrayList<>();
        long inSync = 0;
        long drift = 0;
        long missing = 0;
        for (int i = 0; i < batch.size(); i++) {
            LinkedRecords.Linked linked = batch.get(i);
            User user = users.get(linked.userId());
            JsonNode record = answer.path(i);
            Map<String, Object> written = written(linked, user, mapping, run.fields);
            if (record.isNull() || record.isMissingNode()) {
                missing++;
                rows.add(row(linked, user, "missing", "RECORD_MISSING", missingMessage(run, linked, written, repairs)));
                continue;
            }
            List<FieldDrift> drifts = FieldDrift.between(written, record);
            if (drifts.isEmpty()) {
                inSync++;
                if (linked.syncedFields() == null) {
                    snapshots.add(new LinkedRecords.Repair(linked.userId(), json(written), false));
                }
                continue;
            }
            drift++;
            rows.add(row(linked, user, "drift", "DRIFT", driftMessage(run, linked, written, drifts, repairs)));
        }
        records.storeSnapshots(run.application.name(), snapshots);
        records.queueRepairs(run.application.name(), repairs, "reconcile:" + run.jobId);
        run.checked += batch.size();
        run.inSync += inSync;
        run.drift += drift;
        run.missing += missing;
        run.repairs += repairs.size();
        jobs.progress(run.jobId, new Jobs.Counts(batch.size(), 0, drift, inSync, missing));
        exchange.setProperty(ReportRows.REPORT_ROWS, rows);
    }

    private String driftMessage(
            ReconcileRun run,
            LinkedRecords.Linked linked,
            Map<String, Object> written,
            List<FieldDrift> drifts,
            List<LinkedRecords.Repair> repairs) {
        String found = drifts.stream().map(FieldDrift::describe).collect(Collectors.joining("; "));
        if (run.mode != ReconcileMode.REPAIR) {
            return found;
        }
        if (!run.application.enabled(Feature.EDIT)) {
            return found + "; not repaired: " + Feature.EDIT.label() + " is switched off for " + run.application.name();
        }
        // the snapshot now says what Salesforce holds, so the queued update sends the directory's values for these
        Map<String, Object> holds = new LinkedHashMap<>(written);
        drifts.forEach(d -> holds.put(d.field(), d.found()));
        repairs.add(new LinkedRecords.Repair(linked.userId(), json(holds), false));
        return found + "; repair queued: the directory's values are written back";
    }

    private String missingMessage(
            ReconcileRun run,
            LinkedRecords.Linked linked,
            Map<String, Object> written,
            List<LinkedRecords.Repair> repairs) {
        String found = "record " + linked.recordId() + " is deleted in Salesforce";
        if (run.mode != ReconcileMode.REPAIR) {
            return found;
        }
        if (!run.application.enabled(Feature.CREATE)) {
            return found + "; not recreated: " + Feature.CREATE.label() + " is switched off for "
                    + run.application.name();
        }
        repairs.add(new LinkedRecords.Repair(linked.userId(), json(written), true));
        return found + "; recreate queued";
    }

    /** What the bundle last wrote (the link's snapshot), else what it would write now, for the fields read. */
    private static Map<String, Object> written(
            LinkedRecords.Linked linked, User user, AttributeMapping mapping, List<String> fields) throws Exception {
        Map<String, Object> all = linked.syncedFields() != null
                ? JSON.readValue(linked.syncedFields(), new TypeReference<LinkedHashMap<String, Object>>() {})
                : user == null ? Map.of() : mapping.apply(user, false);
        Map<String, Object> written = new LinkedHashMap<>();
        all.forEach((field, value) -> {
            if (fields.contains(field)) {
                written.put(field, value);
            }
        });
        return written;
    }

    private static Map<String, Object> row(
            LinkedRecords.Linked linked, User user, String status, String code, String message) {
        Map<String, Object> row = new HashMap<>();
        row.put(ExchangeKeys.USER_IDENTIFIER, user == null ? linked.userId() : user.userName());
        row.put(ExchangeKeys.USER_ID, linked.userId());
        row.put(ExchangeKeys.REPORT_STATUS, status);
        row.put(ExchangeKeys.RECORD_ID, linked.recordId());
        row.put(ExchangeKeys.ERROR_CODE, code);
        row.put(ExchangeKeys.ERROR_MESSAGE, message);
        return row;
    }

    /** After the last batch: the job, the lock, the metric, and the run's summary report row. */
    public void finish(Exchange exchange) {
        ReconcileRun run = exchange.getProperty(RUN, ReconcileRun.class);
        exchange.removeProperty(ReportRows.REPORT_ROWS);
        if (run.failed) {
            exchange.setProperty("reconcileFailed", true);
            return;
        }
        jobs.finish(run.jobId, Jobs.COMPLETED, run.summary());
        runs.release(run.application.name(), run.jobId);
        metrics.record(run.application.name(), run.drift, run.missing);
        LOG.info("Reconcile of {} ({}) finished: {}", run.application.name(), run.mode.label(), run.summary());
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, "success");
        exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, run.mode.label() + ": " + run.summary());
    }

    /** The run's error handler: the job fails, the lock is released, one failure report row. */
    public void failed(Exchange exchange) {
        ReconcileRun run = exchange.getProperty(RUN, ReconcileRun.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String message = Redaction.redact(cause == null ? "unknown failure" : String.valueOf(cause.getMessage()));
        exchange.removeProperty(ReportRows.REPORT_ROWS);
        if (run == null) {
            return;
        }
        run.failed = true;
        jobs.finish(run.jobId, Jobs.FAILED, "after " + run.summary() + ": " + message);
        runs.release(run.application.name(), run.jobId);
        LOG.warn("Reconcile of {} failed: {}", run.application.name(), message);
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, "failure");
        exchange.setProperty(ExchangeKeys.ERROR_CODE, "RECONCILE_FAILED");
        exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, message);
    }

    private static String json(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
