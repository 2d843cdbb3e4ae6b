package io.provisioning.salesforce;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxItem;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.directory.UserNotFoundException;
import io.provisioning.reports.ReportRows;
import io.provisioning.support.ExchangeKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * The Java side of the {@code salesforce-write} route: prepares one outbox item as a {@link WriteAttempt}, plans
 * its Salesforce call, and records the outcome on the user's link, on the outbox item, and in the exchange
 * properties the report row is built from.
 */
public class SalesforceWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UserDirectory directory;
    private final ApplicationLinks links;
    private final Outbox outbox;
    private final SalesforceApplications applications;
    private final SalesforceErrorClassifier classifier = new SalesforceErrorClassifier();
    private final WritePlanner planner = new WritePlanner();
    private final LoginGuard loginGuard;
    private final OutcomeRecorder recorder;
    private final DuplicateHandling duplicates;
    private final NameResolver names;
    private final UserFieldsHook userFields;

    public SalesforceWriter(
            UserDirectory directory,
            ApplicationLinks links,
            Outbox outbox,
            SalesforceApplications applications,
            LoginGuard loginGuard,
            OutcomeRecorder recorder,
            NameResolver names,
            UserFieldsHook userFields) {
        this.directory = directory;
        this.links = links;
        this.outbox = outbox;
        this.applications = applications;
        this.loginGuard = loginGuard;
        this.recorder = recorder;
        this.duplicates = new DuplicateHandling(recorder);
        this.names = names;
        this.userFields = userFields;
    }

    /** Body: an {@link OutboxItem}. Afterwards: the {@link User}, with the call's properties set. */
    public void prepare(Exchange exchange) {
        OutboxItem item = exchange.getMessage().getBody(OutboxItem.class);
        SalesforceApplication application = applications.get(item.application());
        exchange.setProperty(ExchangeKeys.OUTBOX_ITEM, item);
        exchange.setProperty(ExchangeKeys.STARTED_AT, System.nanoTime());
        exchange.setProperty(ExchangeKeys.APPLICATION, application.name());
        exchange.setProperty(ExchangeKeys.COMPONENT, application.componentName());
        exchange.setProperty(ExchangeKeys.SOBJECT, application.sObject());
        exchange.setProperty(ExchangeKeys.OPERATION, item.operation().db());
        exchange.setProperty(ExchangeKeys.SOURCE, item.source());
        exchange.setProperty(ExchangeKeys.ATTEMPT, item.attempts() + 1);
        // Every attempt of one piece of work shares its job id in the report rows.
        exchange.setProperty(ExchangeKeys.REQUEST_ID, "outbox-" + item.id());
        exchange.setProperty(ExchangeKeys.RETRY_OF, item.retryOf());
        exchange.setProperty(ExchangeKeys.CORRELATION_ID, item.correlation());
        exchange.setProperty(ExchangeKeys.USER_ID, item.userId());
        // The user id stands in as identifier should the user be gone by now.
        exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, item.userId());
        User user = directory.get(item.userId());
        exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, user.userName());
        ApplicationLink link = links.find(item.userId(), item.application()).orElse(null);
        exchange.setProperty(WriteAttempt.PROPERTY, new WriteAttempt(item, user, link));
        exchange.setProperty(ExchangeKeys.CREATING, planner.creates(item, application, link));
        exchange.getMessage().setBody(user);
    }

    /**
     * Body: the user's mapped fields. Decides the call; afterwards the body is the JSON to send (or empty) and the
     * {@code sObjectId} header names the record.
     */
    public void plan(Exchange exchange) throws Exception {
        WriteAttempt attempt = attempt(exchange);
        OutboxItem item = attempt.item();
        ApplicationLink link = attempt.link();
        SalesforceApplication application = applications.get(item.application());
        @SuppressWarnings("unchecked")
        Map<String, Object> mapped = exchange.getMessage().getBody(Map.class);
        Map<String, Object> synced = readFields(link == null ? null : link.syncedFields());
        User user = attempt.user(); // read once, in prepare
        WritePlan plan;
        try {
            plan = planner.plan(
                    item,
                    application,
                    link,
                    names.resolveAll(application.name(), userFields.fields(application, user.id(), mapped)),
                    synced,
                    user.active());
        } catch (NameResolver.UnresolvedNameException e) {
            plan = WritePlan.refused(NameResolver.UnresolvedNameException.CODE, e.getMessage());
        }
        if (!plan.skipped()) {
            Duration held = loginGuard.remainingPause(application.name());
            if (!held.isZero()) {
                throw new ApplicationPausedException(
                        application.name(), held, loginGuard.pauseReason(application.name()));
            }
        }
        attempt.planned(plan);
        exchange.getMessage().setHeader("sObjectId", plan.recordId());
        DuplicateRuleHeader.apply(exchange.getMessage(), application, plan.creates());
        if (plan.is(WritePlan.Call.UPSERT)) {
            // the record is named by the external-id field carrying the directory user's id
            exchange.getMessage()
                    .setHeader("sObjectIdName", application.idempotence().externalIdField());
            exchange.getMessage().setHeader("sObjectIdValue", item.userId());
        }
        if (plan.creates() && item.inDoubt() && !application.idempotence().upserts()) {
            exchange.setProperty(
                    InDoubtLookup.CREATES, List.of(new CompositeCall.Planned(item, plan, user.userName())));
        }
        exchange.getMessage().setBody(plan.body() == null ? null : JSON.writeValueAsString(plan.body()));
    }

    /** After the in-doubt lookup: adopt the record found, refuse when ambiguous, else send the create. */
    public void resolved(Exchange exchange) throws Exception {
        WriteAttempt attempt = attempt(exchange);
        @SuppressWarnings("unchecked")
        Map<Long, InDoubtResolver.Resolution> resolutions = exchange.getProperty(InDoubtLookup.RESOLUTIONS, Map.class);
        InDoubtResolver.Resolution resolution = resolutions.get(attempt.item().id());
        attempt.resolved(resolution);
        if (resolution.kind() == InDoubtResolver.Kind.CREATE) {
            // the earlier attempt was not applied: the create goes out (the body is the query's answer by now)
            exchange.getMessage().setBody(JSON.writeValueAsString(attempt.plan().body()));
        }
    }

    /** The in-doubt create's record was found: linked, nothing sent. */
    public void adopted(Exchange exchange) {
        WriteAttempt attempt = attempt(exchange);
        InDoubtResolver.Resolution resolution = attempt.resolution();
        WritePlan plan = attempt.plan().withSynced(resolution.synced());
        reported(
                exchange,
                recorder.succeeded(
                        attempt.item(), plan, resolution.recordId(), InDoubtNote.adopted(), along(exchange)));
    }

    /** Several records match the in-doubt create: it fails for good, and nothing is created. */
    public void ambiguous(Exchange exchange) {
        WriteAttempt attempt = attempt(exchange);
        reported(
                exchange,
                recorder.failed(
                        attempt.item(), attempt.plan(), attempt.resolution().failure(), false, along(exchange)));
    }

    /** Right before the call: a create is recorded as sent, so a lost answer leaves it in doubt. */
    public void markSent(Exchange exchange) {
        WriteAttempt attempt = attempt(exchange);
        if (attempt.plan().creates()) {
            outbox.markSent(List.of(attempt.item().id()));
        }
    }

    /** The plan says there is nothing to call: record why. */
    public void skipped(Exchange exchange) {
        WriteAttempt attempt = attempt(exchange);
        reported(exchange, recorder.skipped(attempt.item(), attempt.plan(), attempt.link(), along(exchange)));
    }

    /** Body: Salesforce's answer (JSON with the id for a create; empty otherwise). */
    public void succeeded(Exchange exchange) throws Exception {
        WriteAttempt attempt = attempt(exchange);
        OutboxItem item = attempt.item();
        WritePlan plan = attempt.plan();
        JsonNode answer = plan.creates() ? JSON.readTree(exchange.getMessage().getBody(String.class)) : null;
        String recordId = answer == null ? null : answer.path("id").asText(null);
        InDoubtNote note = plan.is(WritePlan.Call.UPSERT)
                ? InDoubtNote.ofUpsert(
                        applications.get(item.application()).idempotence().externalIdField(),
                        item.inDoubt(),
                        answer.path("created").asBoolean(true))
                : null;
        reported(exchange, recorder.succeeded(item, plan, recordId, note, along(exchange)));
    }

    /** Body afterwards: the SOQL that finds the user's UserLogin. */
    public String freezeQuery(Exchange exchange) {
        WritePlan plan = attempt(exchange).plan();
        return "SELECT Id FROM UserLogin WHERE UserId = '" + plan.recordId().replace("'", "") + "'";
    }

    /** Body: the UserLogin query result. Afterwards: the freeze update for it. */
    public void freezeTarget(Exchange exchange) throws Exception {
        JsonNode records =
                JSON.readTree(exchange.getMessage().getBody(String.class)).path("records");
        if (records.isEmpty()) {
            throw new IllegalStateException("Salesforce has no UserLogin for the user, so it cannot be frozen");
        }
        exchange.getMessage().setHeader("sObjectId", records.get(0).path("Id").asText());
        exchange.getMessage().setBody("{\"IsFrozen\":true}");
    }

    /** The user was frozen because Salesforce refused to deactivate it; the reason goes into the report. */
    public void frozen(Exchange exchange) {
        WriteAttempt attempt = attempt(exchange);
        OutboxItem item = attempt.item();
        WritePlan plan = attempt.plan();
        SalesforceFailure refusal = attempt.refusal();
        String reason = "Salesforce refused to deactivate the user (" + refusal.message() + "); it was frozen instead";
        reported(exchange, recorder.frozen(item, plan, refusal, reason, along(exchange)));
    }

    /** Called by the error handler with the exception that ended the call. */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        OutboxItem item = exchange.getProperty(ExchangeKeys.OUTBOX_ITEM, OutboxItem.class);
        if (cause instanceof ApplicationPausedException paused) {
            reported(exchange, recorder.postponed(item, paused, along(exchange)));
            return;
        }
        // the attempt is missing when preparing it failed (e.g. the user is gone)
        WriteAttempt attempt = attempt(exchange);
        WritePlan plan = attempt == null ? null : attempt.plan();
        var duplicate =
                plan != null && plan.creates() ? DuplicateMatch.fromFailure(cause) : Optional.<DuplicateMatch>empty();
        if (duplicate.isPresent()) {
            reported(
                    exchange,
                    duplicates.record(
                            item, plan, applications.get(item.application()), duplicate.get(), along(exchange)));
            return;
        }
        boolean userGone = cause instanceof UserNotFoundException;
        SalesforceFailure failure = userGone
                ? new SalesforceFailure(false, 0, "USER_NOT_FOUND", cause.getMessage())
                : classifier.classify(cause);
        if ("INVALID_CROSS_REFERENCE_KEY".equals(failure.errorCode())) {
            names.invalidate(item.application()); // a cached id may be stale (record deleted, sandbox refreshed)
        }
        failure = new LicenseShortage(names.soql()).explain(item.application(), plan, failure);
        failure = LoginHints.explained(
                applications.get(item.application()).connection().flow(), failure);
        reported(exchange, recorder.failed(item, plan, failure, userGone, along(exchange)));
    }

    private static WriteAttempt attempt(Exchange exchange) {
        return exchange.getProperty(WriteAttempt.PROPERTY, WriteAttempt.class);
    }

    /**
     * Writes the outcome's report row in the transaction that records the outcome (a crash keeps both or neither),
     * with the report fields also set as exchange properties (for the outcome event).
     */
    private static OutcomeRecorder.ReportsAlong along(Exchange exchange) {
        return (connection, fields) -> {
            apply(exchange, fields.get(0));
            return ReportRows.store(connection, exchange, fields);
        };
    }

    /**
     * The outcome's rows for {@code reports-write}: stored already (counted and logged there, not inserted again), or
     * none when this instance had lost the item to another, which reports it.
     */
    private static void reported(Exchange exchange, List<Map<String, Object>> rows) {
        exchange.setProperty(ReportRows.REPORT_ROWS, rows);
    }

    /** Sets the report fields as exchange properties (a null value removes one). */
    static void apply(Exchange exchange, Map<String, Object> report) {
        report.forEach((key, value) -> {
            if (value == null) {
                exchange.removeProperty(key);
            } else {
                exchange.setProperty(key, value);
            }
        });
    }

    private static Map<String, Object> readFields(String json) throws Exception {
        return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    }
}
