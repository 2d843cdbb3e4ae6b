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
import io.provisioning.mapping.AttributeMapping;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.reports.ReportRows;
import io.provisioning.support.ExchangeKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceComponent;

/**
 * The Java side of the {@code salesforce-write-batch} route: plans a {@link WriteBatch} with the same rules as single
 * writes, turns it into sObject collection calls ({@code allOrNone=false}, at most 200 records each), and records each
 * record's result through the {@link OutcomeRecorder}, with one report row per item.
 */
public class BatchWriter {

    public static final String CALLS = "batchCalls";
    public static final String CALL = "compositeCall";
    private static final String BATCH_PLAN = "batchPlan";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UserDirectory directory;
    private final ApplicationLinks links;
    private final SalesforceApplications applications;
    private final AttributeMappings mappings;
    private final OutcomeRecorder recorder;
    private final LoginGuard loginGuard;
    private final Outbox outbox;
    private final WritePlanner planner = new WritePlanner();
    private final SalesforceErrorClassifier classifier = new SalesforceErrorClassifier();
    private final DuplicateHandling duplicates;
    private final NameResolver names;
    private final LicenseShortage licenses;
    private final UserFieldsHook userFields;

    public BatchWriter(
            UserDirectory directory,
            ApplicationLinks links,
            SalesforceApplications applications,
            AttributeMappings mappings,
            OutcomeRecorder recorder,
            LoginGuard loginGuard,
            Outbox outbox,
            NameResolver names,
            UserFieldsHook userFields) {
        this.directory = directory;
        this.links = links;
        this.applications = applications;
        this.mappings = mappings;
        this.recorder = recorder;
        this.loginGuard = loginGuard;
        this.outbox = outbox;
        this.duplicates = new DuplicateHandling(recorder);
        this.names = names;
        this.licenses = new LicenseShortage(names.soql());
        this.userFields = userFields;
    }

    /**
     * Body: a {@link WriteBatch}. Afterwards: the planned calls in {@code batchPlan} (skips already recorded) and, when
     * the application has no external-id field, the in-doubt creates to look up in {@value InDoubtLookup#CREATES}.
     */
    public void plan(Exchange exchange) throws Exception {
        WriteBatch batch = exchange.getMessage().getBody(WriteBatch.class);
        SalesforceApplication application = applications.get(batch.application());
        AttributeMapping mapping = mappings.forApplication(application.name());
        exchange.setProperty(ExchangeKeys.APPLICATION, application.name());
        exchange.setProperty(ExchangeKeys.COMPONENT, application.componentName());
        exchange.setProperty(ExchangeKeys.STARTED_AT, System.nanoTime());
        List<Map<String, Object>> reports = new ArrayList<>();
        BatchPlan batchPlan = new BatchPlan(application, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<CompositeCall.Planned> inDoubt = new ArrayList<>();
        var paused = loginGuard.remainingPause(application.name());
        List<String> userIds = batch.items().stream().map(OutboxItem::userId).toList();
        Map<String, User> users = directory.findAll(userIds);
        Map<String, ApplicationLink> batchLinks = links.findAll(userIds, application.name());
        for (OutboxItem item : batch.items()) {
            Optional<User> user = Optional.ofNullable(users.get(item.userId()));
            if (user.isEmpty()) {
                reports.addAll(recorder.failed(
                        item,
                        null,
                        new SalesforceFailure(false, 0, "USER_NOT_FOUND", "no user with id " + item.userId()),
                        true,
                        along(exchange, item, item.userId())));
                continue;
            }
            if (!paused.isZero()) {
                reports.addAll(recorder.postponed(
                        item,
                        new ApplicationPausedException(
                                application.name(), paused, loginGuard.pauseReason(application.name())),
                        along(exchange, item, user.get().userName())));
                continue;
            }
            ApplicationLink link = batchLinks.get(item.userId());
            boolean creating = planner.creates(item, application, link);
            WritePlan plan = plan(
                    planner,
                    names,
                    item,
                    application,
                    link,
                    userFields.fields(application, item.userId(), mapping.apply(user.get(), creating)),
                    user.get().active());
            CompositeCall.Planned planned =
                    new CompositeCall.Planned(item, plan, user.get().userName());
            if (plan.skipped()) {
                reports.addAll(recorder.skipped(
                        item, plan, link, along(exchange, item, user.get().userName())));
            } else if (plan.creates()
                    && item.inDoubt()
                    && !application.idempotence().upserts()) {
                inDoubt.add(planned);
            } else if (plan.creates()) {
                batchPlan.creates().add(planned);
            } else if (plan.is(WritePlan.Call.DELETE)) {
                batchPlan.deletes().add(planned);
            } else {
                batchPlan.updates().add(planned);
            }
        }
        exchange.setProperty(BATCH_PLAN, batchPlan);
        if (inDoubt.isEmpty()) {
            exchange.removeProperty(InDoubtLookup.CREATES);
        } else {
            exchange.setProperty(InDoubtLookup.CREATES, inDoubt);
        }
        exchange.setProperty(ReportRows.REPORT_ROWS, reports);
    }

    /** After the in-doubt lookup: adopts what was found, fails what is ambiguous, creates the rest with the batch. */
    public void resolved(Exchange exchange) {
        BatchPlan batchPlan = exchange.getProperty(BATCH_PLAN, BatchPlan.class);
        @SuppressWarnings("unchecked")
        Map<Long, InDoubtResolver.Resolution> resolutions = exchange.getProperty(InDoubtLookup.RESOLUTIONS, Map.class);
        List<Map<String, Object>> reports = new ArrayList<>();
        List<CompositeCall.Planned> adopted = new ArrayList<>();
        List<WritePlan> adoptedPlans = new ArrayList<>();
        List<String> adoptedIds = new ArrayList<>();
        for (CompositeCall.Planned planned : InDoubtLookup.creates(exchange)) {
            InDoubtResolver.Resolution resolution =
                    resolutions.get(planned.item().id());
            switch (resolution.kind()) {
                case ADOPT -> {
                    adopted.add(planned);
                    adoptedPlans.add(planned.plan().withSynced(resolution.synced()));
                    adoptedIds.add(resolution.recordId());
                }
                case AMBIGUOUS -> reports.addAll(recorder.failed(
                        planned.item(), planned.plan(), resolution.failure(), false, along(exchange, planned)));
                default -> batchPlan.creates().add(planned);
            }
        }
        reports.addAll(succeeded(
                exchange,
                adopted.stream().map(CompositeCall.Planned::item).toList(),
                adopted.stream().map(CompositeCall.Planned::userIdentifier).toList(),
                adoptedPlans,
                adoptedIds,
                Collections.nCopies(adopted.size(), InDoubtNote.adopted())));
        exchange.setProperty(ReportRows.REPORT_ROWS, reports);
    }

    /** The in-doubt lookup failed: its items wait and look again (never created blindly); the rest goes ahead. */
    public void lookupFailed(Exchange exchange) {
        SalesforceFailure failure =
                classifier.classify(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        List<Map<String, Object>> reports = new ArrayList<>();
        for (CompositeCall.Planned planned : InDoubtLookup.creates(exchange)) {
            reports.addAll(recorder.failed(planned.item(), planned.plan(), failure, false, along(exchange, planned)));
        }
        exchange.setProperty(ReportRows.REPORT_ROWS, reports);
    }

    /** Afterwards: the sObject collection calls of the batch in {@code batchCalls}, one per kind. */
    public void calls(Exchange exchange) {
        BatchPlan batchPlan = exchange.getProperty(BATCH_PLAN, BatchPlan.class);
        SalesforceApplication application = batchPlan.application();
        List<CompositeCall> calls = new ArrayList<>();
        if (!batchPlan.creates().isEmpty()) {
            String field = application.idempotence().externalIdField();
            if (field == null) {
                calls.add(new CompositeCall(
                        "POST", records(application, batchPlan.creates(), false, null), null, batchPlan.creates()));
            } else {
                // collection upsert: a repeated create updates the record carrying the user's id
                calls.add(new CompositeCall(
                        "PATCH",
                        records(application, batchPlan.creates(), false, field),
                        null,
                        batchPlan.creates(),
                        "/" + application.sObject() + "/" + field));
            }
        }
        if (!batchPlan.updates().isEmpty()) {
            calls.add(new CompositeCall(
                    "PATCH", records(application, batchPlan.updates(), true, null), null, batchPlan.updates()));
        }
        if (!batchPlan.deletes().isEmpty()) {
            calls.add(new CompositeCall(
                    "DELETE",
                    null,
                    String.join(
                            ",",
                            batchPlan.deletes().stream()
                                    .map(p -> p.plan().recordId())
                                    .toList()),
                    batchPlan.deletes()));
        }
        exchange.setProperty(CALLS, calls);
    }

    /**
     * Right before a collection call that creates: its items are recorded as sent, so a lost answer leaves them in
     * doubt.
     */
    public void markSent(Exchange exchange) {
        CompositeCall call = exchange.getProperty(CALL, CompositeCall.class);
        if (call.creates()) {
            outbox.markSent(call.items().stream().map(p -> p.item().id()).toList());
        }
    }

    /** Body: a {@link CompositeCall}. Afterwards: the camel-salesforce {@code raw} request for it. */
    public void prepareCall(Exchange exchange) {
        CompositeCall call = exchange.getMessage().getBody(CompositeCall.class);
        exchange.setProperty(CALL, call);
        String component = exchange.getProperty(ExchangeKeys.COMPONENT, String.class);
        String version = exchange.getContext()
                .getComponent(component, SalesforceComponent.class)
                .getConfig()
                .getApiVersion();
        var message = exchange.getMessage();
        message.setHeader("rawPath", "/services/data/v" + version + "/composite/sobjects" + call.path());
        message.setHeader("rawMethod", call.method());
        DuplicateRuleHeader.apply(
                message,
                applications.get(exchange.getProperty(ExchangeKeys.APPLICATION, String.class)),
                call.creates());
        if (call.ids() != null) {
            message.setHeader("ids", call.ids());
            message.setHeader("allOrNone", "false");
            message.setHeader("rawQueryParameters", "ids,allOrNone");
        } else {
            message.removeHeader("rawQueryParameters");
        }
        message.setBody(call.body() == null ? "" : call.body());
    }

    /** Body: Salesforce's array of per-record results, in request order. */
    public void results(Exchange exchange) throws Exception {
        CompositeCall call = exchange.getProperty(CALL, CompositeCall.class);
        JsonNode results = JSON.readTree(exchange.getMessage().getBody(String.class));
        List<Map<String, Object>> reports = new ArrayList<>();
        List<OutboxItem> succeeded = new ArrayList<>();
        List<WritePlan> succeededPlans = new ArrayList<>();
        List<String> createdIds = new ArrayList<>();
        List<String> succeededIdentifiers = new ArrayList<>();
        List<InDoubtNote> notes = new ArrayList<>();
        SalesforceApplication application =
                applications.get(exchange.getProperty(ExchangeKeys.APPLICATION, String.class));
        String upsertField =
                call.path().isEmpty() ? null : application.idempotence().externalIdField();
        for (int i = 0; i < call.items().size(); i++) {
            CompositeCall.Planned planned = call.items().get(i);
            JsonNode result = results.path(i);
            Optional<DuplicateMatch> duplicate = planned.plan().creates()
                    ? DuplicateMatch.fromError(result.path("errors").path(0))
                    : Optional.empty();
            if (result.path("success").asBoolean(false)) {
                succeeded.add(planned.item());
                succeededPlans.add(planned.plan());
                createdIds.add(planned.plan().creates() ? result.path("id").asText(null) : null);
                succeededIdentifiers.add(planned.userIdentifier());
                notes.add(
                        upsertField == null
                                ? null
                                : InDoubtNote.ofUpsert(
                                        upsertField,
                                        planned.item().inDoubt(),
                                        result.path("created").asBoolean(true)));
            } else if (duplicate.isPresent()) {
                reports.addAll(duplicates.record(
                        planned.item(), planned.plan(), application, duplicate.get(), along(exchange, planned)));
            } else {
                JsonNode error = result.path("errors").path(0);
                String code = error.path("statusCode").asText("UNKNOWN_ERROR");
                SalesforceFailure failure = new SalesforceFailure(
                        SalesforceErrorClassifier.RETRYABLE_CODES.contains(code),
                        200,
                        code,
                        error.path("message").asText(result.isMissingNode() ? "no result for this record" : ""));
                if ("INVALID_CROSS_REFERENCE_KEY".equals(code)) {
                    names.invalidate(application.name()); // a cached id may be stale
                }
                failure = licenses.explain(application.name(), planned.plan(), failure);
                reports.addAll(
                        recorder.failed(planned.item(), planned.plan(), failure, false, along(exchange, planned)));
            }
        }
        reports.addAll(succeeded(exchange, succeeded, succeededIdentifiers, succeededPlans, createdIds, notes));
        exchange.setProperty(ReportRows.REPORT_ROWS, reports);
    }

    /**
     * Records successes and their report rows in one transaction: a crash right after the outcome is committed must
     * not lose the rows (no item would ever report it again). @return the rows, marked as already stored
     */
    private List<Map<String, Object>> succeeded(
            Exchange exchange,
            List<OutboxItem> items,
            List<String> identifiers,
            List<WritePlan> plans,
            List<String> recordIds,
            List<InDoubtNote> notes) {
        return recorder.succeededAll(
                items, plans, recordIds, notes, OutcomeRecorder.BatchReports.stored(exchange, items, identifiers));
    }

    /**
     * Writes one item's report row in the transaction that records its outcome (a crash keeps both or neither).
     * Rows returned are marked as stored: {@code reports-write} counts and logs them without inserting them again.
     */
    static OutcomeRecorder.ReportsAlong along(Exchange exchange, OutboxItem item, String identifier) {
        return (connection, fields) ->
                ReportRows.store(connection, exchange, List.of(row(item, identifier, fields.get(0))));
    }

    private static OutcomeRecorder.ReportsAlong along(Exchange exchange, CompositeCall.Planned planned) {
        return along(exchange, planned.item(), planned.userIdentifier());
    }

    /** The whole call failed (server busy, timeout, login…): every record of it is retried or failed. */
    public void callFailed(Exchange exchange) {
        CompositeCall call = exchange.getProperty(CALL, CompositeCall.class);
        SalesforceFailure failure = LoginHints.explained(
                applications
                        .get(exchange.getProperty(ExchangeKeys.APPLICATION, String.class))
                        .connection()
                        .flow(),
                classifier.classify(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
        List<Map<String, Object>> reports = new ArrayList<>();
        for (CompositeCall.Planned planned : call.items()) {
            reports.addAll(recorder.failed(planned.item(), planned.plan(), failure, false, along(exchange, planned)));
        }
        exchange.setProperty(ReportRows.REPORT_ROWS, reports);
    }

    /** @param externalIdField the field that carries each record's user id (collection upsert), or null */
    private static String records(
            SalesforceApplication application,
            List<CompositeCall.Planned> planned,
            boolean withIds,
            String externalIdField) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (CompositeCall.Planned p : planned) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("attributes", Map.of("type", application.sObject()));
            if (withIds) {
                record.put("id", p.plan().recordId());
            }
            record.putAll(p.plan().body());
            if (externalIdField != null) {
                record.put(externalIdField, p.item().userId());
            }
            records.add(record);
        }
        return OutcomeRecorder.json(Map.of("allOrNone", false, "records", records));
    }

    /** A report row's fields for one item of the batch (also the entitlement step's, issue 20). */
    public static Map<String, Object> row(OutboxItem item, String identifier, Map<String, Object> outcome) {
        Map<String, Object> row = new LinkedHashMap<>(outcome);
        row.put(ExchangeKeys.USER_IDENTIFIER, identifier);
        row.put(ExchangeKeys.USER_ID, item.userId());
        row.put(ExchangeKeys.OPERATION, item.operation().db());
        row.put(ExchangeKeys.SOURCE, item.source());
        row.put(ExchangeKeys.ATTEMPT, item.attempts() + 1);
        row.put(ExchangeKeys.REQUEST_ID, "outbox-" + item.id());
        row.put(ExchangeKeys.RETRY_OF, item.retryOf());
        row.put(ExchangeKeys.CORRELATION_ID, item.correlation());
        return row;
    }

    /** A batch's planned calls by kind, filled by {@link #plan} and the in-doubt resolution. */
    private record BatchPlan(
            SalesforceApplication application,
            List<CompositeCall.Planned> creates,
            List<CompositeCall.Planned> updates,
            List<CompositeCall.Planned> deletes) {}

    /**
     * The item's plan, with the names in its mapped fields resolved to the org's ids (a name the org lacks refuses
     * the write): one rule for collections and Bulk API jobs.
     */
    static WritePlan plan(
            WritePlanner planner,
            NameResolver names,
            OutboxItem item,
            SalesforceApplication application,
            ApplicationLink link,
            Map<String, Object> mapped,
            boolean userActive)
            throws Exception {
        try {
            return planner.plan(
                    item, application, link, names.resolveAll(application.name(), mapped), synced(link), userActive);
        } catch (NameResolver.UnresolvedNameException e) {
            return WritePlan.refused(NameResolver.UnresolvedNameException.CODE, e.getMessage());
        }
    }

    static Map<String, Object> synced(ApplicationLink link) {
        if (link == null || link.syncedFields() == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(link.syncedFields(), new TypeReference<Map<String, Object>>() {});
        } catch (Exception e) {
            throw new IllegalStateException("Stored synced fields are not valid JSON", e);
        }
    }
}
