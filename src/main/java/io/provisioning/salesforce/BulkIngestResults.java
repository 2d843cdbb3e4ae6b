package io.provisioning.salesforce;

import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.BulkJobStore;
import io.provisioning.directory.OutboxItem;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.support.ExchangeKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps an ingest job's result files back to its items, a page of rows at a time (never a whole file in memory): each
 * row's key column finds its user (the user's id of an upsert, the linked record of an update or deletion); a
 * success records the link, record id and a report row naming the job; a failure follows the REST rules; a row that
 * matches no waiting item is reported, never dropped. Read again after a restart, rows already recorded are skipped.
 */
final class BulkIngestResults {
    private static final Logger LOG = LoggerFactory.getLogger(BulkIngestResults.class);
    static final int PAGE = 1_000;
    static final String NOTE = "BULK_API";

    private final BulkJobStore store;
    private final UserDirectory directory;
    private final ApplicationLinks links;
    private final OutcomeRecorder recorder;

    BulkIngestResults(BulkJobStore store, UserDirectory directory, ApplicationLinks links, OutcomeRecorder recorder) {
        this.store = store;
        this.directory = directory;
        this.links = links;
        this.recorder = recorder;
    }

    /** Records one result file ({@code success}: successfulResults, else failedResults); null = none. */
    void read(BulkJobStore.Job job, BulkIngestCalls calls, InputStream results, boolean success) throws IOException {
        if (results == null) {
            return;
        }
        BulkOperation operation = BulkOperation.of(job.operation(), calls.application());
        String key = operation.keyColumn(calls.application());
        try (Reader reader = new InputStreamReader(results, StandardCharsets.UTF_8);
                CSVParser parser = BulkIngestCsv.WITH_HEADER.parse(reader)) {
            List<CSVRecord> page = new ArrayList<>(PAGE);
            for (CSVRecord record : parser) {
                page.add(record);
                if (page.size() == PAGE) {
                    record(job, calls, operation, parser.getHeaderNames(), page, key, success);
                    page.clear();
                    store.holds(job.id());
                }
            }
            record(job, calls, operation, parser.getHeaderNames(), page, key, success);
        }
    }

    private void record(
            BulkJobStore.Job job,
            BulkIngestCalls calls,
            BulkOperation operation,
            List<String> header,
            List<CSVRecord> page,
            String keyColumn,
            boolean success) {
        if (page.isEmpty()) {
            return;
        }
        SalesforceApplication application = calls.application();
        List<String> keys = page.stream().map(r -> r.get(keyColumn)).distinct().toList();
        Map<String, String> userOfKey = operation == BulkOperation.UPSERT
                ? keys.stream().collect(Collectors.toMap(Function.identity(), Function.identity()))
                : links.linkedUsers(application.name(), keys);
        List<String> userIds = userOfKey.values().stream().distinct().toList();
        BulkJobStore.Matches matches = store.itemsOfUsers(job.id(), userIds);
        Map<String, User> users = directory.findAll(userIds);
        Map<String, ApplicationLink> pageLinks =
                operation == BulkOperation.UPDATE ? links.findAll(userIds, application.name()) : Map.of();
        List<Map<String, Object>> reports = new ArrayList<>();
        List<OutboxItem> done = new ArrayList<>();
        List<WritePlan> plans = new ArrayList<>();
        List<String> recordIds = new ArrayList<>();
        List<InDoubtNote> notes = new ArrayList<>();
        List<String> identifiers = new ArrayList<>();
        for (CSVRecord record : page) {
            String key = record.get(keyColumn);
            String userId = userOfKey.get(key);
            // taken out once recorded: a second row for the same item is not recorded twice
            OutboxItem item = userId == null ? null : matches.waiting().remove(userId);
            if (item == null && success && userId != null) {
                // its file job was aborted while this job ran, but Salesforce applied the row: the link says so
                item = matches.discarded().remove(userId);
            }
            if (item == null) {
                if (userId == null
                        || !(matches.finished().contains(userId)
                                || matches.discarded().containsKey(userId))) {
                    reports.add(unmatched(job, key, record));
                }
                continue;
            }
            matches.finished().add(userId);
            User user = users.get(userId);
            String identifier = user == null ? userId : user.userName();
            WritePlan plan = plan(operation, key, sentFields(header, record, keyColumn), pageLinks.get(userId));
            if (success) {
                done.add(item);
                plans.add(plan);
                recordIds.add(operation == BulkOperation.UPSERT ? record.get("sf__Id") : key);
                notes.add(new InDoubtNote(NOTE, note(job, operation, record, keyColumn)));
                identifiers.add(identifier);
            } else {
                SalesforceFailure failure = failure(record.get("sf__Error"), job.salesforceJobId());
                if (operation == BulkOperation.DEACTIVATE && !failure.retryable() && !failure.recordGone()) {
                    // refused for good: left waiting, so the job's end gives it back to the single write, which
                    // freezes the login instead (salesforce-user-deactivate) and reports the refusal
                    continue;
                }
                reports.addAll(recorder.failed(item, plan, failure, false, calls.along(item, identifier)));
            }
        }
        // the rows commit with the outcomes they report: a crash between the two would lose them for good
        reports.addAll(recorder.succeededAll(done, plans, recordIds, notes, calls.along(done, identifiers)));
        calls.report(reports);
    }

    /** What the row did, as the single write's plan would have said: the link's state and synced fields after it. */
    private static WritePlan plan(BulkOperation operation, String key, Map<String, Object> sent, ApplicationLink link) {
        return switch (operation) {
            case UPSERT -> WritePlan.upsert(sent);
            case UPDATE -> {
                Map<String, Object> after = new LinkedHashMap<>(BatchWriter.synced(link));
                after.putAll(sent);
                yield WritePlan.update(key, sent, after);
            }
            case DELETE -> WritePlan.delete(key);
            case DEACTIVATE -> WritePlan.deactivateUser(key);
        };
    }

    private static String note(BulkJobStore.Job job, BulkOperation operation, CSVRecord record, String keyColumn) {
        String text = "Bulk API 2.0 job " + job.salesforceJobId();
        if (operation == BulkOperation.UPSERT
                && record.isMapped("sf__Created")
                && !"true".equalsIgnoreCase(record.get("sf__Created"))) {
            return text + ": upsert on " + keyColumn + " updated the existing record";
        }
        return text;
    }

    /** The values a row sent (empty = not sent, {@code #N/A} = null), what the record holds afterwards. */
    private static Map<String, Object> sentFields(List<String> header, CSVRecord record, String keyColumn) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String column : header) {
            if (column.startsWith("sf__") || column.equalsIgnoreCase(keyColumn)) {
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
        row.put(ExchangeKeys.OPERATION, job.operation());
        row.put(ExchangeKeys.RECORD_ID, record.isMapped("sf__Id") ? record.get("sf__Id") : null);
        row.put(ExchangeKeys.ERROR_CODE, "BULK_RESULT_UNMATCHED");
        row.put(
                ExchangeKeys.ERROR_MESSAGE,
                "Bulk API 2.0 job " + job.salesforceJobId() + " answered a row for " + key
                        + " that no waiting item of the job matches");
        row.put(ExchangeKeys.SOURCE, "bulk-api:" + job.salesforceJobId());
        return row;
    }
}
