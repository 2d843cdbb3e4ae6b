package io.provisioning.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The org's Bulk API 2.0 jobs and their asynchronous processing: a background worker takes jobs in the order they
 * were closed and applies their rows at {@link #recordsPerSecond} (as an org works through its internal batches), so
 * a client sees UploadComplete, then InProgress with growing counts, then JobComplete.
 */
final class BulkJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BulkJobs.class.getName());
    private static final long TICK_MS = 50;
    /** Rows applied per write lock, so REST calls are not held up behind a large job. */
    private static final int ROWS_PER_LOCK = 200;
    /** Salesforce: at most 150 MB of base64 per upload, which is about 100 MB of CSV. */
    static final long DEFAULT_MAX_UPLOAD_BYTES = 150L * 1024 * 1024 / 4 * 3;
    /** UNCERTAIN: no documented number found; orgs refuse jobs when too many are open at once. */
    static final int DEFAULT_MAX_OPEN_JOBS = 100;

    private final Map<String, IngestJob> ingest = new ConcurrentHashMap<>();
    private final Map<String, BulkQueryJob> queries = new ConcurrentHashMap<>();
    private final List<Object> queue = new ArrayList<>();
    private final IdGenerator ids;
    private final OrgStore store;
    private final DmlService dml;
    private final BulkRowApplier applier;
    private final SoqlEvaluator evaluator;
    private final ScheduledExecutorService worker;
    private volatile int recordsPerSecond = 10_000;
    private volatile long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
    private volatile int maxOpenJobs = DEFAULT_MAX_OPEN_JOBS;
    private double budget;

    BulkJobs(IdGenerator ids, SchemaRegistry schemas, OrgStore store, DmlService dml) {
        this.ids = ids;
        this.store = store;
        this.dml = dml;
        this.applier = new BulkRowApplier(schemas, dml);
        this.evaluator = new SoqlEvaluator(schemas, store);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sf-emulator-bulk");
            t.setDaemon(true);
            return t;
        });
        worker.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    int recordsPerSecond() {
        return recordsPerSecond;
    }

    long maxUploadBytes() {
        return maxUploadBytes;
    }

    int maxOpenJobs() {
        return maxOpenJobs;
    }

    void configure(Integer rate, Long uploadBytes, Integer openJobs) {
        if (rate != null) {
            recordsPerSecond = Math.max(1, rate);
        }
        if (uploadBytes != null) {
            maxUploadBytes = uploadBytes <= 0 ? DEFAULT_MAX_UPLOAD_BYTES : uploadBytes;
        }
        if (openJobs != null) {
            maxOpenJobs = openJobs <= 0 ? DEFAULT_MAX_OPEN_JOBS : openJobs;
        }
    }

    synchronized IngestJob newIngestJob(String object, String operation, String externalIdField, String version) {
        checkOpenJobs();
        IngestJob job = new IngestJob(ids.next("750"), object, operation, externalIdField, version);
        ingest.put(job.id, job);
        return job;
    }

    synchronized BulkQueryJob newQueryJob(String operation, String query, String object, String version) {
        checkOpenJobs();
        BulkQueryJob job = new BulkQueryJob(ids.next("750"), operation, query, object, version);
        queries.put(job.id, job);
        queue.add(job);
        return job;
    }

    private void checkOpenJobs() {
        long open = ingest.values().stream().filter(j -> !j.state.terminal()).count()
                + queries.values().stream().filter(j -> !j.state.terminal()).count();
        if (open >= maxOpenJobs) {
            throw new ApiException(
                    400,
                    ApiError.of(
                            "LIMIT_EXCEEDED",
                            "Max number of concurrent Bulk API 2.0 jobs (" + maxOpenJobs + ") reached; close or"
                                    + " abort open jobs first"));
        }
    }

    IngestJob ingest(String id) {
        IngestJob job = id == null ? null : ingest.get(id);
        if (job == null) {
            throw new ApiException(404, ApiError.of("NOT_FOUND", "The requested resource does not exist"));
        }
        return job;
    }

    BulkQueryJob query(String id) {
        BulkQueryJob job = id == null ? null : queries.get(id);
        if (job == null) {
            throw new ApiException(404, ApiError.of("NOT_FOUND", "The requested resource does not exist"));
        }
        return job;
    }

    List<IngestJob> ingestJobs() {
        return new ArrayList<>(ingest.values());
    }

    List<BulkQueryJob> queryJobs() {
        return new ArrayList<>(queries.values());
    }

    /** UploadComplete: the job waits for the worker. */
    synchronized void close(IngestJob job) {
        job.moveTo(BulkJobState.UploadComplete);
        queue.add(job);
    }

    /** Aborted: rows not yet applied stay unapplied and are listed in unprocessedrecords/. */
    synchronized void abort(IngestJob job) {
        job.moveTo(BulkJobState.Aborted);
        queue.remove(job);
        finishUnprocessed(job);
    }

    synchronized void abort(BulkQueryJob job) {
        job.moveTo(BulkJobState.Aborted);
        queue.remove(job);
    }

    synchronized void delete(IngestJob job) {
        ingest.remove(job.id);
        queue.remove(job);
    }

    synchronized void delete(BulkQueryJob job) {
        queries.remove(job.id);
        queue.remove(job);
    }

    synchronized void clear() {
        ingest.clear();
        queries.clear();
        queue.clear();
    }

    private void tick() {
        try {
            synchronized (this) {
                budget = Math.min(budget + recordsPerSecond * TICK_MS / 1000.0, Math.max(1, recordsPerSecond));
            }
            while (true) {
                Object next;
                synchronized (this) {
                    if (queue.isEmpty() || budget < 1) {
                        return;
                    }
                    next = queue.get(0);
                }
                boolean done = next instanceof IngestJob job ? work(job) : work((BulkQueryJob) next);
                if (!done) {
                    return;
                }
                synchronized (this) {
                    queue.remove(next);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "bulk job processing failed", e);
        }
    }

    /** @return whether the job is finished */
    private boolean work(IngestJob job) {
        synchronized (this) {
            if (job.state.terminal()) {
                return true;
            }
            if (job.state == BulkJobState.UploadComplete) {
                job.moveTo(BulkJobState.InProgress);
                job.startedAtMillis = System.currentTimeMillis();
                byte[] data = job.data == null ? new byte[0] : job.data;
                job.reader = new BulkCsv(new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.UTF_8));
                try {
                    job.header = job.reader.next();
                } catch (IOException e) {
                    return fail(job, "InvalidBatch : " + e.getMessage());
                }
                if (job.header == null) {
                    job.moveTo(BulkJobState.JobComplete);
                    return true;
                }
                String problem = applier.checkHeader(job, job.header);
                if (problem != null) {
                    return fail(job, problem);
                }
                writeHeaders(job);
            }
        }
        while (true) {
            int take;
            synchronized (this) {
                if (job.state != BulkJobState.InProgress) {
                    return true; // aborted meanwhile
                }
                take = (int) Math.min(ROWS_PER_LOCK, Math.floor(budget));
                if (take < 1) {
                    return false;
                }
            }
            List<List<String>> rows = new ArrayList<>(take);
            try {
                for (int i = 0; i < take; i++) {
                    List<String> row = job.reader.next();
                    if (row == null) {
                        break;
                    }
                    if (!(row.size() == 1 && row.get(0).isEmpty())) {
                        rows.add(row);
                    }
                }
            } catch (IOException e) {
                synchronized (this) {
                    return fail(job, "InvalidBatch : " + e.getMessage());
                }
            }
            if (rows.isEmpty()) {
                synchronized (this) {
                    job.processingMillis = System.currentTimeMillis() - job.startedAtMillis;
                    job.reader = null;
                    job.data = null;
                    job.moveTo(BulkJobState.JobComplete);
                    return true;
                }
            }
            List<BulkRowApplier.Outcome> outcomes = dml.transaction(uow -> {
                List<BulkRowApplier.Outcome> out = new ArrayList<>(rows.size());
                for (List<String> row : rows) {
                    out.add(applier.apply(uow, job, job.header, row));
                }
                return out;
            });
            synchronized (this) {
                for (int i = 0; i < rows.size(); i++) {
                    recordOutcome(job, rows.get(i), outcomes.get(i));
                }
                budget -= rows.size();
                job.processingMillis = System.currentTimeMillis() - job.startedAtMillis;
                job.systemModstamp = SfTime.now();
            }
        }
    }

    private static void writeHeaders(IngestJob job) {
        List<String> ok = new ArrayList<>(List.of("sf__Id", "sf__Created"));
        ok.addAll(job.header);
        IngestJob.append(job.successful, BulkCsv.line(ok));
        List<String> failed = new ArrayList<>(List.of("sf__Id", "sf__Error"));
        failed.addAll(job.header);
        IngestJob.append(job.failedRows, BulkCsv.line(failed));
    }

    private static void recordOutcome(IngestJob job, List<String> row, BulkRowApplier.Outcome outcome) {
        List<String> line = new ArrayList<>(row.size() + 2);
        job.processed++;
        if (outcome.error() == null) {
            line.add(outcome.id());
            line.add(String.valueOf(outcome.created()));
            line.addAll(row);
            IngestJob.append(job.successful, BulkCsv.line(line));
        } else {
            job.failed++;
            line.add(outcome.id());
            line.add(outcome.error());
            line.addAll(row);
            IngestJob.append(job.failedRows, BulkCsv.line(line));
        }
    }

    private boolean fail(IngestJob job, String message) {
        job.errorMessage = message;
        job.moveTo(BulkJobState.Failed);
        finishUnprocessed(job);
        return true;
    }

    /** The rows never applied (failed or aborted job), with the upload's header. */
    private static void finishUnprocessed(IngestJob job) {
        if (job.data == null) {
            return;
        }
        try {
            BulkCsv reader = job.reader;
            if (reader == null) {
                reader = new BulkCsv(new InputStreamReader(new ByteArrayInputStream(job.data), StandardCharsets.UTF_8));
                job.header = reader.next();
            }
            if (job.header != null) {
                IngestJob.append(job.unprocessed, BulkCsv.line(job.header));
                for (List<String> row = reader.next(); row != null; row = reader.next()) {
                    IngestJob.append(job.unprocessed, BulkCsv.line(row));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "unprocessed rows of a malformed upload are left out", e);
        }
        job.reader = null;
        job.data = null;
    }

    /** A query job runs in one go once its turn comes (the rate only paces ingest rows). */
    private boolean work(BulkQueryJob job) {
        synchronized (this) {
            if (job.state.terminal()) {
                return true;
            }
            job.moveTo(BulkJobState.InProgress);
        }
        long start = System.currentTimeMillis();
        try {
            boolean all = job.operation.equals("queryAll");
            List<String> rows = new ArrayList<>();
            String[] header = new String[1];
            store.read(() -> {
                SoqlEvaluator.Result result = evaluator.run(job.query, all);
                List<SoqlColumn> columns = result.fields();
                // a parent field is a column "Profile.Name", as Salesforce writes it in a query job's CSV
                List<String> names = columns.stream()
                        .map(c -> c.relation() == null
                                ? c.field().name()
                                : c.relationshipName() + "." + c.field().name())
                        .toList();
                header[0] = BulkCsv.line(names);
                for (Map<String, Object> record : result.records()) {
                    List<String> values = new ArrayList<>(columns.size());
                    for (SoqlColumn column : columns) {
                        Object v = column.value(store, record);
                        values.add(v == null ? "" : v.toString());
                    }
                    rows.add(BulkCsv.line(values));
                }
                return null;
            });
            synchronized (this) {
                job.header = header[0];
                job.rows = rows;
                job.processingMillis = System.currentTimeMillis() - start;
                if (job.state == BulkJobState.InProgress) {
                    job.moveTo(BulkJobState.JobComplete);
                }
            }
        } catch (ApiException e) {
            synchronized (this) {
                job.errorMessage =
                        e.errors().get(0).errorCode() + ": " + e.errors().get(0).message();
                job.moveTo(BulkJobState.Failed);
            }
        }
        return true;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
