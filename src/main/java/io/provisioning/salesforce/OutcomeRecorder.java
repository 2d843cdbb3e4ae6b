package io.provisioning.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.LinkState;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxItem;
import io.provisioning.support.ExchangeKeys;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the outcome of one outbox item, whether it went to Salesforce alone or in an sObject collection: the user's
 * link, the outbox item (done, retry later, failed), and the report row's fields. One place for these rules.
 */
public class OutcomeRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApplicationLinks links;
    private final Outbox outbox;
    private final RetryPolicy retryPolicy;
    private final LoginGuard loginGuard;
    private volatile WriteOutcomeListener listener = WriteOutcomeListener.NONE;

    public OutcomeRecorder(ApplicationLinks links, Outbox outbox, RetryPolicy retryPolicy, LoginGuard loginGuard) {
        this.links = links;
        this.outbox = outbox;
        this.retryPolicy = retryPolicy;
        this.loginGuard = loginGuard;
    }

    /** Who hears every outcome (issue 17: API budget, quarantine). */
    public void listener(WriteOutcomeListener outcomeListener) {
        this.listener = outcomeListener;
    }

    /** @return the report fields (keys of {@link ExchangeKeys}) */
    public Map<String, Object> skipped(OutboxItem item, WritePlan plan, ApplicationLink link) {
        if (plan.refused()) { // nothing was sent, and resending the same record cannot succeed
            return failed(item, plan, new SalesforceFailure(false, 0, plan.refusalCode(), plan.reason()), false);
        }
        LinkState state = plan.stateOnSuccess() != null
                ? plan.stateOnSuccess()
                : link == null || link.state() == LinkState.PENDING ? LinkState.SKIPPED : link.state();
        links.record(item.userId(), item.application(), state, null, null, plan.reason(), null);
        outbox.complete(item.id());
        return report("skipped", link == null ? null : link.recordId(), null, plan.reason());
    }

    /** @param recordId the record created, or null for the plan's own */
    public Map<String, Object> succeeded(OutboxItem item, WritePlan plan, String recordId) {
        return succeeded(item, plan, recordId, null);
    }

    /** @param note how an in-doubt create was resolved (in the report row), or null */
    Map<String, Object> succeeded(OutboxItem item, WritePlan plan, String recordId, InDoubtNote note) {
        String id = recordId != null ? recordId : plan.recordId();
        links.record(
                item.userId(),
                item.application(),
                plan.stateOnSuccess(),
                id,
                null,
                null,
                plan.synced() == null ? null : json(plan.synced()));
        outbox.complete(item.id());
        loginGuard.loginSucceeded(item.application());
        listener.succeeded(item.application(), 1);
        return success(id, note);
    }

    /**
     * Successes of one sObject collection call, recorded in one transaction.
     *
     * @param recordIds the record created for each item (null for the plan's own), in the same order
     * @return the report fields of each item, in order
     */
    public List<Map<String, Object>> succeededAll(
            List<OutboxItem> items, List<WritePlan> plans, List<String> recordIds) {
        return succeededAll(items, plans, recordIds, java.util.Collections.nCopies(items.size(), null));
    }

    /** @param notes how each in-doubt create was resolved, null for the others, in the same order */
    List<Map<String, Object>> succeededAll(
            List<OutboxItem> items, List<WritePlan> plans, List<String> recordIds, List<InDoubtNote> notes) {
        return succeededAll(items, plans, recordIds, notes, (connection, reports) -> reports);
    }

    /** Writes the report rows of outcomes in the transaction that records them; @return what to report further */
    @FunctionalInterface
    interface ReportsAlong {
        List<Map<String, Object>> write(Connection connection, List<Map<String, Object>> reports) throws SQLException;
    }

    /** @param along writes the items' report rows (fields in item order) with the outcomes, in one transaction */
    List<Map<String, Object>> succeededAll(
            List<OutboxItem> items,
            List<WritePlan> plans,
            List<String> recordIds,
            List<InDoubtNote> notes,
            ReportsAlong along) {
        List<ApplicationLinks.Outcome> outcomes = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            OutboxItem item = items.get(i);
            WritePlan plan = plans.get(i);
            String id = recordIds.get(i) != null ? recordIds.get(i) : plan.recordId();
            outcomes.add(new ApplicationLinks.Outcome(
                    item.userId(),
                    item.application(),
                    plan.stateOnSuccess(),
                    id,
                    plan.synced() == null ? null : json(plan.synced())));
            ids.add(item.id());
            reports.add(success(id, notes.get(i)));
        }
        List<List<Map<String, Object>>> written = new ArrayList<>(List.of(reports));
        links.recordAll(outcomes, ids, connection -> written.set(0, along.write(connection, reports)));
        if (!items.isEmpty()) {
            loginGuard.loginSucceeded(items.get(0).application());
            listener.succeeded(items.get(0).application(), items.size());
        }
        return written.get(0);
    }

    /**
     * A failed call: retried later when the failure is worth it and attempts remain, a deletion of a record already
     * gone counts as done, a record deleted behind the bundle's back marks the link stale, others fail for good.
     *
     * @param plan the planned call, or null when it failed before planning
     * @param userGone the directory user no longer exists
     */
    public Map<String, Object> failed(OutboxItem item, WritePlan plan, SalesforceFailure failure, boolean userGone) {
        if (failure.loginFailed()) {
            loginGuard.loginFailed(item.application(), failure.errorCode() + ": " + failure.message());
        }
        String error = failure.errorCode() + ": " + failure.message();
        if (listener.stopsApplication(item.application(), failure)) {
            // not an attempt: the item waits until the application writes again
            outbox.postpone(item.id(), Duration.ZERO, error);
            return report("paused", null, failure.errorCode(), failure.message());
        }
        int attempts = item.attempts() + 1;
        if (plan != null && plan.is(WritePlan.Call.DELETE) && failure.recordGone()) {
            links.record(
                    item.userId(),
                    item.application(),
                    LinkState.DELETED,
                    null,
                    failure.errorCode(),
                    failure.message(),
                    null);
            outbox.complete(item.id());
            return report(
                    "success", plan.recordId(), failure.errorCode(), "the record was already deleted in Salesforce");
        }
        if (failure.retryable() && !retryPolicy.exhausted(attempts)) {
            Duration delay = retryPolicy.delayAfter(attempts);
            LOG.warn(
                    "{} of user {} in {} failed (attempt {}), retrying in {} ms: {}",
                    item.operation(),
                    item.userId(),
                    item.application(),
                    attempts,
                    delay.toMillis(),
                    error);
            outbox.retryLater(item.id(), delay, error);
            return report("retrying", null, failure.errorCode(), failure.message());
        }
        LOG.warn(
                "{} of user {} in {} failed for good after {} attempt(s): {}",
                item.operation(),
                item.userId(),
                item.application(),
                attempts,
                error);
        if (!failure.retryable()) {
            listener.failedPermanently(item.application(), failure);
        }
        // the link first: a file's result is written once no item is pending, and must not read a pending link
        if (!userGone) {
            LinkState state = failure.recordGone() ? LinkState.STALE : LinkState.FAILED;
            links.record(item.userId(), item.application(), state, null, failure.errorCode(), failure.message(), null);
        }
        outbox.fail(item.id(), error);
        return report("failure", null, failure.errorCode(), failure.message());
    }

    /** Nothing was sent (the application is held back after a failed login): not an attempt. */
    public Map<String, Object> postponed(OutboxItem item, ApplicationPausedException paused) {
        outbox.postpone(item.id(), paused.remaining(), paused.getMessage());
        return report("retrying", null, "LOGIN_FAILED", paused.getMessage());
    }

    private static Map<String, Object> success(String recordId, InDoubtNote note) {
        return report("success", recordId, note == null ? null : note.code(), note == null ? null : note.message());
    }

    private static Map<String, Object> report(String status, String recordId, String errorCode, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(ExchangeKeys.REPORT_STATUS, status);
        fields.put(ExchangeKeys.RECORD_ID, recordId);
        fields.put(ExchangeKeys.ERROR_CODE, errorCode);
        fields.put(ExchangeKeys.ERROR_MESSAGE, message);
        return fields;
    }

    static String json(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
