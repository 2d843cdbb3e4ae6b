package io.provisioning.salesforce;

import io.provisioning.api.ConflictException;
import io.provisioning.api.JobNotFoundException;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.BulkJobStore;
import io.provisioning.directory.BulkJobStore.State;
import io.provisioning.directory.OutboxItem;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.mapping.AttributeMappings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Large loads through Bulk API 2.0 (issue 18) with camel-salesforce's {@code bulk2*} operations. When more creates,
 * updates or (admitted) deletions of one application wait than its {@code bulk-api.threshold} (or a file being read
 * will bring more), they are reserved from the outbox into a job of that {@link BulkOperation}; the job's CSV is built
 * on disk, the Salesforce job id is stored before the upload, and each result row is mapped back to its user
 * ({@link BulkIngestResults}). A restarted bundle resumes by job id: a job still Open (the upload may or may not have
 * happened) is aborted, which applies nothing, and built again; a closed one is followed to its end. Rows Salesforce
 * failed follow the REST retry rules; a job Salesforce failed or refused, and what a job did not process, go back to
 * the outbox and out through collections.
 */
public final class BulkIngest {
    private static final Logger LOG = LoggerFactory.getLogger(BulkIngest.class);
    private static final int PAGE = BulkIngestResults.PAGE;

    private final BulkJobStore store;
    private final SalesforceApplications applications;
    private final BulkIngestPlanner planner;
    private final BulkIngestResults results;
    private final OutcomeRecorder recorder;
    private final UserDirectory directory;
    private final io.provisioning.directory.Outbox outbox;
    private final Supplier<Set<String>> stopped;
    private final ToLongFunction<String> thresholds;
    private final int maxRecordsPerJob;
    private final long maxUploadBytes;
    private final SalesforceErrorClassifier classifier = new SalesforceErrorClassifier();
    private final BulkJobPolls polls;

    /** What the jobs read and write: the directory, the user's links, the mapping and the outcome recorder. */
    public record Parts(
            UserDirectory directory,
            ApplicationLinks links,
            AttributeMappings mappings,
            OutcomeRecorder recorder,
            NameResolver names,
            UserFieldsHook userFields,
            io.provisioning.directory.Outbox outbox) {}

    /**
     * @param stopped the applications paused or quarantined (issue 17): none of their work is reserved
     * @param thresholds the pending work of an application above which it goes through Bulk API (0 = never)
     * @param maxUploadBytes the CSV of one job at most (Salesforce: 150 MB of base64, about 100 MB of CSV)
     * @param pollMillis the shortest wait between two looks at a running job (the route's period)
     */
    public BulkIngest(
            BulkJobStore store,
            SalesforceApplications applications,
            Parts parts,
            Supplier<Set<String>> stopped,
            ToLongFunction<String> thresholds,
            int maxRecordsPerJob,
            long maxUploadBytes,
            long pollMillis) {
        this.store = store;
        this.applications = applications;
        this.planner = new BulkIngestPlanner(
                parts.directory(),
                parts.links(),
                parts.mappings(),
                parts.recorder(),
                parts.names(),
                parts.userFields());
        this.results = new BulkIngestResults(store, parts.directory(), parts.links(), parts.recorder());
        this.recorder = parts.recorder();
        this.directory = parts.directory();
        this.outbox = parts.outbox();
        this.stopped = stopped;
        this.thresholds = thresholds;
        this.maxRecordsPerJob = maxRecordsPerJob;
        this.maxUploadBytes = maxUploadBytes;
        this.polls = new BulkJobPolls(pollMillis, java.time.Clock.systemUTC());
    }

    /** Whether an application's work can go through Bulk API: a threshold ({@link BulkOperation#of} says what). */
    private boolean bulkFor(SalesforceApplication application) {
        return thresholds.applyAsLong(application.name()) > 0;
    }

    /**
     * The outbox's first step, before it claims: reserves large loads for Bulk API jobs, so collections never take
     * them: the work of a file being read that will exceed the threshold, and any backlog above it.
     */
    public void reserveLargeLoads() {
        Set<String> paused = null;
        Map<String, Map<String, Long>> pending = null;
        Set<String> gathering = new java.util.HashSet<>();
        long smallest = Long.MAX_VALUE;
        for (SalesforceApplication application : applications.all()) {
            if (!bulkFor(application)) {
                continue;
            }
            long threshold = thresholds.applyAsLong(application.name());
            gathering.add(application.name());
            smallest = Math.min(smallest, threshold);
            if (paused == null) {
                paused = stopped.get();
            }
            if (paused.contains(application.name())) {
                continue; // its work waits where it is, as the outbox's claim leaves it
            }
            for (String file : store.largeFilesBeingRead(threshold)) {
                // a file's small share of one operation is given back to collections when its job starts
                for (BulkOperation operation : BulkOperation.of(application)) {
                    reserveAll(application, operation, file);
                }
            }
            if (pending == null) {
                pending = store.pending();
            }
            Map<String, Long> waiting = pending.getOrDefault(application.name(), Map.of());
            for (BulkOperation operation : BulkOperation.of(application)) {
                if (waiting.getOrDefault(operation.outboxOperation(), 0L) > threshold) {
                    reserveAll(application, operation, null);
                }
            }
        }
        // the claim that follows leaves a large file's rows alone from its first chunk on, also a chunk committed
        // after the reservation above looked (it would otherwise go through collections)
        outbox.gatherLargeFiles(gathering, gathering.isEmpty() ? 0 : smallest);
    }

    private void reserveAll(SalesforceApplication application, BulkOperation operation, String file) {
        BulkJobStore.Job job;
        do {
            job = store.reserve(application.name(), operation.outboxOperation(), file, maxRecordsPerJob);
        } while (job != null && job.items() >= maxRecordsPerJob);
    }

    /** The bulk route's step: moves every unfinished job of this instance (or of a dead one) as far as it can go. */
    public void advance(Exchange exchange) {
        ProducerTemplate template = exchange.getContext().createProducerTemplate();
        try {
            Set<String> paused = stopped.get();
            List<BulkJobStore.Job> jobs = new ArrayList<>(store.claimUnfinished());
            // jobs still to be sent first: Salesforce processes them while this thread records ended jobs' results,
            // which for 150,000 rows takes minutes
            jobs.sort(java.util.Comparator.comparing(j -> j.state() == State.closed));
            for (BulkJobStore.Job job : jobs) {
                if ((job.state() == State.reserved || job.state() == State.building)
                        && paused.contains(job.application())) {
                    continue; // not started while its application is paused or quarantined
                }
                try {
                    advance(job, new BulkIngestCalls(template, applications.get(job.application())));
                } catch (Exception e) {
                    // the job keeps its state and is taken up again at the next round
                    LOG.warn(
                            "Bulk API job {} ({}) could not advance: {}",
                            job.id(),
                            job.salesforceJobId(),
                            e.toString());
                }
            }
        } finally {
            stop(template);
        }
    }

    /**
     * {@code DELETE /api/jobs/{id}}: aborts a file job whose file is read. Its work not yet sent is discarded, and its
     * Bulk jobs running in Salesforce are aborted there (PATCH state Aborted); rows Salesforce applied before that
     * are still recorded when the job is followed to its end, and the job's other rows go back to collections.
     */
    public Map<String, Object> abortFileJob(@Header("id") String id, Exchange exchange) {
        BulkJobStore.FileAbort abort = store.abortFileWork(id, "aborted by DELETE /api/jobs/" + id);
        switch (abort.outcome()) {
            case NOT_FOUND -> throw new JobNotFoundException(id);
            case NOT_A_FILE -> throw new ConflictException(
                    "Job " + id + " is not a file job; only file jobs are aborted");
            case STILL_READING -> throw new ConflictException(
                    "File job " + id + " is still being read; abort it once it is read");
            case FINISHED -> throw new ConflictException(
                    "File job " + id + " has already ended (" + abort.status() + ")");
            default -> {}
        }
        List<String> aborted = new ArrayList<>();
        ProducerTemplate template = exchange.getContext().createProducerTemplate();
        try {
            for (BulkJobStore.Job job : abort.running()) {
                try {
                    new BulkIngestCalls(template, applications.get(job.application())).abort(job.salesforceJobId());
                    aborted.add(job.salesforceJobId());
                } catch (RuntimeException e) {
                    // already ended in Salesforce (or unreachable): followed to its end as any other job
                    LOG.warn(
                            "Bulk API job {} of aborted file job {} not aborted: {}",
                            job.salesforceJobId(),
                            id,
                            e.toString());
                }
            }
        } finally {
            stop(template);
        }
        LOG.info(
                "File job {} aborted: {} item(s) discarded, Bulk API job(s) aborted {}",
                id,
                abort.discarded(),
                aborted);
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("id", id);
        view.put("status", abort.status());
        view.put("discarded", abort.discarded());
        view.put("bulkJobsAborted", aborted);
        return view;
    }

    private static void stop(ProducerTemplate template) {
        try {
            template.stop();
        } catch (Exception e) {
            LOG.debug("producer template stop", e);
        }
    }

    private void advance(BulkJobStore.Job job, BulkIngestCalls calls) throws Exception {
        switch (job.state()) {
            case reserved -> {
                if (job.fileJobId() != null) {
                    boolean read = store.fileRead(job.fileJobId());
                    if (job.items() < maxRecordsPerJob && !read) {
                        return; // the file is still being read: its rows keep filling this job
                    }
                    // once read, the file's count of this kind is known (a full job starts before that)
                    long threshold = thresholds.applyAsLong(job.application());
                    if (read && store.fileItems(job.fileJobId(), job.operation()) <= threshold) {
                        // the file brought few of this kind after all: not worth a job
                        int back = store.releaseAll(job.id());
                        store.moveTo(job.id(), State.done, null, back + " item(s) under the threshold: collections");
                        return;
                    }
                }
                if (store.seal(job.id())) {
                    start(job, calls);
                }
            }
                // sealed, but the CSV was not finished (a restart, or another instance's job taken over): built again
            case building -> start(job, calls);
            case created -> {
                // the upload may or may not have happened: an Open job is aborted (nothing of it was applied)
                Job info = calls.get(job.salesforceJobId());
                if (info.getState() == JobStateEnum.OPEN) {
                    calls.abort(job.salesforceJobId());
                    store.moveTo(job.id(), State.reserved, null, "restarted before the upload was known to be done");
                } else if (info.getState() == JobStateEnum.ABORTED && processed(info) == 0) {
                    store.moveTo(job.id(), State.reserved, null, "aborted before it applied a row");
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

    private static long processed(Job info) {
        return info.getNumberRecordsProcessed() == null ? 0 : info.getNumberRecordsProcessed();
    }

    /** Builds the job's CSV from its items, creates the Salesforce job (id stored first), uploads, closes. */
    private void start(BulkJobStore.Job job, BulkIngestCalls calls) throws Exception {
        SalesforceApplication application = calls.application();
        BulkOperation operation = BulkOperation.of(job.operation(), application);
        try (BulkIngestCsv csv = new BulkIngestCsv()) {
            long after = 0;
            for (List<OutboxItem> items = store.items(job.id(), after, PAGE);
                    !items.isEmpty();
                    items = store.items(job.id(), after, PAGE)) {
                after = items.get(items.size() - 1).id();
                BulkIngestPlanner.Page page = planner.plan(calls, operation, items);
                for (CompositeCall.Planned row : page.rows()) {
                    csv.add(row.item().id(), operation.key(row.item(), row.plan()), operation.fields(row.plan()));
                }
                store.release(page.giveBack(), true);
                calls.report(page.reports());
                if (!store.holds(job.id())) {
                    return; // another instance took the job over: it builds the CSV again
                }
            }
            Path file = csv.write(operation.keyColumn(application), maxUploadBytes);
            store.release(csv.leftOver(), false); // the next job takes them
            if (file == null) {
                store.moveTo(job.id(), State.done, null, null);
                return;
            }
            String salesforceJob;
            try {
                salesforceJob = calls.create(operation);
            } catch (RuntimeException e) {
                refused(job, calls, null, e);
                return;
            }
            // stored before the upload: a crash from here on resumes by this id and never uploads the rows twice
            if (!store.moveTo(job.id(), State.created, salesforceJob, null)) {
                calls.abort(salesforceJob); // taken over meanwhile: this job stays empty, the new holder builds its own
                return;
            }
            try (InputStream data = Files.newInputStream(file)) {
                calls.upload(salesforceJob, data);
            } catch (RuntimeException e) {
                refused(job, calls, salesforceJob, e);
                return;
            }
            store.moveTo(job.id(), State.uploaded, salesforceJob, null);
            calls.close(salesforceJob);
            store.moveTo(job.id(), State.closed, salesforceJob, null);
            LOG.info(
                    "Bulk API job {} of {}: {} {} row(s) uploaded ({} left for the next job)",
                    salesforceJob,
                    application.name(),
                    csv.rows(),
                    job.operation(),
                    csv.leftOver().size());
        }
    }

    /**
     * A create or upload that failed. Without an answer (timeout, 5xx, connection) the job keeps its state and the
     * next round sorts it out by job id; refused by Salesforce (size, too many jobs, a bad job), its rows are retried
     * through collections, with Salesforce's message in their report rows.
     */
    private void refused(BulkJobStore.Job job, BulkIngestCalls calls, String salesforceJob, RuntimeException e) {
        SalesforceFailure failure = classifier.classify(e);
        if (failure.retryable()) {
            throw e;
        }
        if (salesforceJob != null) {
            try {
                calls.abort(salesforceJob);
            } catch (RuntimeException abortFailed) {
                LOG.debug("abort of refused job {}", salesforceJob, abortFailed);
            }
        }
        String message = "Bulk API 2.0 "
                + (salesforceJob == null ? "job refused" : "upload to job " + salesforceJob + " refused") + ": "
                + failure.errorCode() + ": " + failure.message();
        failRemaining(job, calls, message);
        int back = store.releaseAll(job.id());
        store.moveTo(job.id(), State.failed, salesforceJob, message);
        LOG.warn("{}; {} item(s) back to collections", message, back);
    }

    /** Waits for the job's end, then records every result row and gives back what it did not process. */
    private void follow(BulkJobStore.Job job, BulkIngestCalls calls) throws IOException {
        String salesforceJob = job.salesforceJobId();
        if (!polls.due(salesforceJob)) {
            return;
        }
        Job info = calls.get(salesforceJob);
        JobStateEnum state = info.getState();
        if (state == JobStateEnum.UPLOAD_COMPLETE || state == JobStateEnum.IN_PROGRESS) {
            polls.running(salesforceJob, processed(info), job.items());
            return;
        }
        if (state == JobStateEnum.OPEN) {
            calls.close(salesforceJob);
            return;
        }
        polls.ended(salesforceJob);
        long failedRows = info.getNumberRecordsFailed() == null ? -1 : info.getNumberRecordsFailed();
        // each result file is one more call: one the counts say is empty is not asked for
        if (processed(info) > failedRows) {
            try (InputStream ok = calls.successfulResults(salesforceJob)) {
                results.read(job, calls, ok, true);
            }
        }
        if (failedRows != 0) {
            try (InputStream failed = calls.failedResults(salesforceJob)) {
                results.read(job, calls, failed, false);
            }
        }
        boolean jobFailed = state != JobStateEnum.JOB_COMPLETE;
        if (jobFailed) {
            failRemaining(
                    job,
                    calls,
                    "Bulk API 2.0 job " + salesforceJob + " " + state + ": "
                            + (info.getErrorMessage() == null ? "no message" : info.getErrorMessage()));
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

    /** Rows of a job Salesforce failed, refused or aborted that have no result: retried (collections) or failed. */
    private void failRemaining(BulkJobStore.Job job, BulkIngestCalls calls, String message) {
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
                reports.addAll(recorder.failed(
                        item,
                        null,
                        new SalesforceFailure(true, 0, "BULK_JOB_FAILED", message),
                        false,
                        calls.along(item, user == null ? item.userId() : user.userName())));
            }
            calls.report(reports);
        }
    }
}
