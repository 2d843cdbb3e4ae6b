package io.provisioning.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.Jdbc;
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

    /** @return the report fields (keys of {@link ExchangeKeys}); the caller writes the row */
    public Map<String, Object> skipped(OutboxItem item, WritePlan plan, ApplicationLink link) {
        return later(skipping(item, plan, link));
    }

    /** @return the report rows as {@code along} wrote them with the outcome, none when the lease was lost */
    List<Map<String, Object>> skipped(OutboxItem item, WritePlan plan, ApplicationLink link, ReportsAlong along) {
        return commit(skipping(item, plan, link), along);
    }

    private Single skipping(OutboxItem item, WritePlan plan, ApplicationLink link) {
        if (plan.refused()) { // nothing was sent, and resending the same record cannot succeed
            return failure(item, plan, new SalesforceFailure(false, 0, plan.refusalCode(), plan.reason()), false);
        }
        LinkState state = plan.stateOnSuccess() != null
                ? plan.stateOnSuccess()
                : link == null || link.state() == LinkState.PENDING ? LinkState.SKIPPED : link.state();
        return new Single(
                item,
                report("skipped", link == null ? null : link.recordId(), null, plan.reason()),
                linked(item, state, null, null, plan.reason(), null),
                connection -> outbox.completeHeld(connection, List.of(item.id())),
                null);
    }

    /** @param recordId the record created, or null for the plan's own */
    public Map<String, Object> succeeded(OutboxItem item, WritePlan plan, String recordId) {
        return later(success(item, plan, recordId, null));
    }

    /**
     * @param note how an in-doubt create was resolved (in the report row), or null
     * @return the report rows as {@code along} wrote them with the outcome, none when the lease was lost
     */
    List<Map<String, Object>> succeeded(
            OutboxItem item, WritePlan plan, String recordId, InDoubtNote note, ReportsAlong along) {
        return commit(success(item, plan, recordId, note), along);
    }

    private Single success(OutboxItem item, WritePlan plan, String recordId, InDoubtNote note) {
        String id = recordId != null ? recordId : plan.recordId();
        return new Single(
                item,
                success(id, note),
                linked(item, plan.stateOnSuccess(), id, null, null, plan.synced() == null ? null : json(plan.synced())),
                connection -> outbox.completeHeld(connection, List.of(item.id())),
                () -> {
                    loginGuard.loginSucceeded(item.application());
                    listener.succeeded(item.application(), 1);
                });
    }

    /**
     * Writes the report rows of a batch's outcomes in the transaction that records them: {@code positions} are the
     * items (by their place in the batch) the rows in {@code fields} belong to, in the same order; items whose lease
     * was lost are left out.
     */
    @FunctionalInterface
    interface BatchReports {
        List<Map<String, Object>> write(
                Connection connection, List<Integer> positions, List<Map<String, Object>> fields) throws SQLException;

        /** Rows for these items and identifiers, as {@link BatchWriter#row} makes them, stored with the outcome. */
        static BatchReports stored(
                org.apache.camel.Exchange exchange, List<OutboxItem> items, List<String> identifiers) {
            return (connection, positions, fields) -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int k = 0; k < positions.size(); k++) {
                    int i = positions.get(k);
                    rows.add(BatchWriter.row(items.get(i), identifiers.get(i), fields.get(k)));
                }
                return io.provisioning.reports.ReportRows.store(connection, exchange, rows);
            };
        }
    }

    /** Writes the report rows of outcomes in the transaction that records them; @return what to report further */
    @FunctionalInterface
    interface ReportsAlong {
        /** The caller writes the row itself, after the outcome (a step whose rows go out later). */
        ReportsAlong LATER = (connection, reports) -> reports;

        List<Map<String, Object>> write(Connection connection, List<Map<String, Object>> reports) throws SQLException;
    }

    /**
     * @param along writes the items' report rows (fields in item order) with the outcomes, in one transaction
     * @return what {@code along} returned, without the items whose lease was lost (no link change, no row for them)
     */
    List<Map<String, Object>> succeededAll(
            List<OutboxItem> items,
            List<WritePlan> plans,
            List<String> recordIds,
            List<InDoubtNote> notes,
            BatchReports along) {
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            held.add(i);
        }
        List<List<Map<String, Object>>> written = new ArrayList<>(List.of(List.of()));
        while (!held.isEmpty()) {
            List<ApplicationLinks.Outcome> outcomes = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            List<Map<String, Object>> reports = new ArrayList<>();
            for (int i : held) {
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
            try {
                // the links are written first, and rolled back with the rest when an item is no longer held
                links.recordAll(outcomes, List.of(), connection -> {
                    outbox.completeHeld(connection, ids);
                    written.set(0, along.write(connection, List.copyOf(held), reports));
                    return null;
                });
                loginGuard.loginSucceeded(items.get(0).application());
                listener.succeeded(items.get(0).application(), held.size());
                break;
            } catch (Outbox.LeaseLost lost) {
                LOG.info("Results of a collection call not recorded for {}: their new owner records them", lost.ids());
                held.removeIf(i -> lost.ids().contains(items.get(i).id()));
            }
        }
        return written.get(0);
    }

    /**
     * A failed call: retried later when the failure is worth it and attempts remain, a deletion of a record already
     * gone counts as done, a record deleted behind the bundle's back marks the link stale, others fail for good.
     *
     * @param plan the planned call, or null when it failed before planning
     * @param userGone the directory user no longer exists
     * @return the report fields; the caller writes the row
     */
    public Map<String, Object> failed(OutboxItem item, WritePlan plan, SalesforceFailure failure, boolean userGone) {
        return later(failure(item, plan, failure, userGone));
    }

    /** @return the report rows as {@code along} wrote them with the outcome, none when the lease was lost */
    List<Map<String, Object>> failed(
            OutboxItem item, WritePlan plan, SalesforceFailure failure, boolean userGone, ReportsAlong along) {
        return commit(failure(item, plan, failure, userGone), along);
    }

    private Single failure(OutboxItem item, WritePlan plan, SalesforceFailure failure, boolean userGone) {
        if (failure.loginFailed()) {
            loginGuard.loginFailed(item.application(), failure.errorCode() + ": " + failure.message());
        }
        String error = failure.errorCode() + ": " + failure.message();
        if (listener.stopsApplication(item.application(), failure)) {
            // not an attempt: the item waits until the application writes again
            return new Single(
                    item,
                    report("paused", null, failure.errorCode(), failure.message()),
                    unlinked(),
                    connection -> outbox.putBackHeld(connection, item.id(), Duration.ZERO, error, 0),
                    null);
        }
        int attempts = item.attempts() + 1;
        if (plan != null && plan.is(WritePlan.Call.DELETE) && failure.recordGone()) {
            return new Single(
                    item,
                    report(
                            "success",
                            plan.recordId(),
                            failure.errorCode(),
                            "the record was already deleted in Salesforce"),
                    linked(item, LinkState.DELETED, null, failure.errorCode(), failure.message(), null),
                    connection -> outbox.completeHeld(connection, List.of(item.id())),
                    null);
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
            return new Single(
                    item,
                    report("retrying", null, failure.errorCode(), failure.message()),
                    unlinked(),
                    connection -> outbox.putBackHeld(connection, item.id(), delay, error, 1),
                    null);
        }
        LOG.warn(
                "{} of user {} in {} failed for good after {} attempt(s): {}",
                item.operation(),
                item.userId(),
                item.application(),
                attempts,
                error);
        return new Single(
                item,
                report("failure", null, failure.errorCode(), failure.message()),
                // with the item: a file's result is written once no item is pending, and must not read a pending link
                userGone
                        ? unlinked()
                        : linked(
                                item,
                                failure.recordGone() ? LinkState.STALE : LinkState.FAILED,
                                null,
                                failure.errorCode(),
                                failure.message(),
                                null),
                connection -> outbox.failHeld(connection, item.id(), error),
                failure.retryable() ? null : () -> listener.failedPermanently(item.application(), failure));
    }

    /** Nothing was sent (the application is held back after a failed login): not an attempt. */
    public Map<String, Object> postponed(OutboxItem item, ApplicationPausedException paused) {
        return later(postponing(item, paused));
    }

    /** @return the report rows as {@code along} wrote them with the outcome, none when the lease was lost */
    List<Map<String, Object>> postponed(OutboxItem item, ApplicationPausedException paused, ReportsAlong along) {
        return commit(postponing(item, paused), along);
    }

    private Single postponing(OutboxItem item, ApplicationPausedException paused) {
        return new Single(
                item,
                report("retrying", null, "LOGIN_FAILED", paused.getMessage()),
                unlinked(),
                connection -> outbox.putBackHeld(connection, item.id(), paused.remaining(), paused.getMessage(), 0),
                null);
    }

    /** Salesforce refused to deactivate the User, which was frozen instead: done, with the reason. */
    List<Map<String, Object>> frozen(
            OutboxItem item, WritePlan plan, SalesforceFailure refusal, String reason, ReportsAlong along) {
        return commit(
                new Single(
                        item,
                        report("success", plan.recordId(), refusal.errorCode(), reason),
                        linked(item, LinkState.FROZEN, null, refusal.errorCode(), reason, null),
                        connection -> outbox.completeHeld(connection, List.of(item.id())),
                        null),
                along);
    }

    /** Writes an outcome's link change (or none) with {@code rest} in its transaction. */
    @FunctionalInterface
    private interface LinkChange {
        void write(Jdbc.Work<?> rest);
    }

    /** What an outcome does to its outbox item, in the outcome's transaction. */
    @FunctionalInterface
    private interface ItemChange {
        void write(Connection connection) throws SQLException;
    }

    /**
     * One item's outcome: its report fields, link change and item change, committed together, then
     * {@code afterwards} (may be null) once committed.
     */
    private record Single(
            OutboxItem item, Map<String, Object> report, LinkChange link, ItemChange change, Runnable afterwards) {}

    private LinkChange linked(
            OutboxItem item,
            LinkState state,
            String recordId,
            String errorCode,
            String errorMessage,
            String syncedFields) {
        return rest -> links.record(
                item.userId(), item.application(), state, recordId, errorCode, errorMessage, syncedFields, rest);
    }

    private LinkChange unlinked() {
        return outbox::inTransaction;
    }

    /**
     * The outcome, its link change and its report row in ONE transaction: a crash keeps all or none. When this
     * instance no longer holds the item (its lease ran out and another instance took it), nothing is written, not
     * even the link change: the new owner records the outcome once.
     *
     * @return what {@code along} returned, or no row when the lease was lost
     */
    private List<Map<String, Object>> commit(Single outcome, ReportsAlong along) {
        List<List<Map<String, Object>>> written = new ArrayList<>(List.of(List.of()));
        try {
            outcome.link().write(connection -> {
                outcome.change().write(connection);
                written.set(0, along.write(connection, List.of(outcome.report())));
                return null;
            });
        } catch (Outbox.LeaseLost lost) {
            OutboxItem item = outcome.item();
            LOG.info(
                    "{} of user {} in {} ({}) not recorded: item {} is no longer held by this instance; its new owner"
                            + " records the outcome",
                    item.operation(),
                    item.userId(),
                    item.application(),
                    outcome.report().get(ExchangeKeys.REPORT_STATUS),
                    item.id());
            return List.of();
        }
        if (outcome.afterwards() != null) {
            outcome.afterwards().run();
        }
        return written.get(0);
    }

    /** The outcome recorded now, its row written by the caller (the Bulk API 2.0 paths); @return its report fields */
    private Map<String, Object> later(Single outcome) {
        commit(outcome, ReportsAlong.LATER);
        return outcome.report();
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
