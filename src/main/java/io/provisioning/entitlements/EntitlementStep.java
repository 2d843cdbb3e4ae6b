package io.provisioning.entitlements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxItem;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.directory.UserEntitlements;
import io.provisioning.reports.ReportRows;
import io.provisioning.salesforce.BatchWriter;
import io.provisioning.salesforce.NameResolver;
import io.provisioning.salesforce.RetryPolicy;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.SalesforceErrorClassifier;
import io.provisioning.salesforce.SalesforceFailure;
import io.provisioning.salesforce.WriteBatch;
import io.provisioning.support.ExchangeKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Exchange;

/**
 * The entitlement step of the outbox ({@code salesforce-entitlements}): a batch of users' {@code entitlements} items
 * of one User application, run after each user's write. Plans each user's merge ({@link EntitlementPlan}), applies
 * all plans with one {@link GrantWriter} (collections of 200), records what the bundle now holds and one report row
 * per change. A refused grant fails only that user's step (other grants and the user record stay applied); a call
 * that fails as a whole is retried by the outbox's retry policy, then fails.
 */
public final class EntitlementStep {

    static final String NOT_PROVISIONED = "NOT_PROVISIONED";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UserDirectory directory;
    private final ApplicationLinks links;
    private final UserEntitlements store;
    private final GroupGrants groupGrants;
    private final SalesforceApplications applications;
    private final NameResolver names;
    private final GrantWriter writer;
    private final Outbox outbox;
    private final RetryPolicy retry;
    private final SalesforceErrorClassifier classifier = new SalesforceErrorClassifier();

    EntitlementStep(
            UserDirectory directory,
            ApplicationLinks links,
            UserEntitlements store,
            GroupGrants groupGrants,
            SalesforceApplications applications,
            NameResolver names,
            GrantCalls calls,
            Outbox outbox,
            RetryPolicy retry) {
        this.directory = directory;
        this.links = links;
        this.store = store;
        this.groupGrants = groupGrants;
        this.applications = applications;
        this.names = names;
        this.writer = new GrantWriter(names, calls);
        this.outbox = outbox;
        this.retry = retry;
    }

    /** One user's item with what it needs, once planned. */
    private record Planned(
            OutboxItem item, User user, Entitlements wanted, List<AppliedGrant> before, List<GrantChange> userFields) {}

    /** Body: a {@link WriteBatch} of {@code entitlements} items. Afterwards: its report rows in {@code reportRows}. */
    public void apply(Exchange exchange) {
        WriteBatch batch = exchange.getMessage().getBody(WriteBatch.class);
        SalesforceApplication application = applications.get(batch.application());
        exchange.setProperty(ExchangeKeys.APPLICATION, application.name());
        exchange.setProperty(ExchangeKeys.STARTED_AT, System.nanoTime());
        List<Map<String, Object>> reports = new ArrayList<>();
        List<String> userIds = batch.items().stream().map(OutboxItem::userId).toList();
        Map<String, User> users = directory.findAll(userIds);
        Map<String, ApplicationLink> batchLinks = links.findAll(userIds, application.name());
        Map<String, Entitlements> desired = store.desired(userIds, application.name());
        Map<String, Entitlements> fromGroups = groupGrants.forUsers(userIds, application.name());
        Map<String, List<AppliedGrant>> applied = store.applied(userIds, application.name());
        List<Planned> planned = new ArrayList<>();
        List<GrantWriter.UserPlan> plans = new ArrayList<>();
        for (OutboxItem item : batch.items()) {
            User user = users.get(item.userId());
            ApplicationLink link = batchLinks.get(item.userId());
            if (user == null || !"User".equals(application.sObject()) || !user.active()) {
                // gone, a Lead or Contact (no entitlements), or deactivated since: Salesforce keeps what it has
                outbox.complete(item.id());
                continue;
            }
            if (link == null || link.recordId() == null) {
                outbox.fail(item.id(), NOT_PROVISIONED + ": no User record");
                reports.add(row(
                        item,
                        user,
                        "entitlements",
                        "failure",
                        null,
                        NOT_PROVISIONED,
                        "the user has no User record in " + application.name() + " (see its create row)"));
                continue;
            }
            Entitlements wanted = desired.getOrDefault(item.userId(), Entitlements.NONE)
                    .plus(fromGroups.getOrDefault(item.userId(), Entitlements.NONE));
            List<AppliedGrant> before = applied.getOrDefault(item.userId(), List.of());
            List<AppliedGrant> assignments =
                    before.stream().filter(a -> !a.grant().kind().isUserField()).toList();
            planned.add(new Planned(
                    item, user, wanted, before, userFields(item.userId(), application.name(), wanted, before, link)));
            plans.add(new GrantWriter.UserPlan(
                    item.userId(), link.recordId(), EntitlementPlan.of(wanted, assignments), item.sentAt()));
        }
        // before the inserts go out: a retry after a lost answer then knows since when its assignments may exist
        java.util.Set<String> adding = new java.util.HashSet<>();
        plans.stream().filter(u -> !u.plan().adds().isEmpty()).forEach(u -> adding.add(u.userKey()));
        outbox.markSent(planned.stream()
                .filter(p -> adding.contains(p.item().userId()))
                .map(p -> p.item().id())
                .toList());
        List<GrantChange> changes;
        try {
            changes = writer.apply(application.name(), plans);
        } catch (Exception e) {
            SalesforceFailure failure = classifier.classify(e);
            for (Planned p : planned) {
                reports.add(callFailed(p, failure));
            }
            exchange.setProperty(ReportRows.REPORT_ROWS, reports);
            return;
        }
        if (changes.stream().anyMatch(c -> "INVALID_CROSS_REFERENCE_KEY".equals(c.errorCode()))) {
            names.invalidate(application.name()); // a cached id may be stale (set deleted, sandbox refreshed)
        }
        Map<String, List<AppliedGrant>> now = new LinkedHashMap<>();
        for (Planned p : planned) {
            List<GrantChange> mine = new ArrayList<>(p.userFields());
            changes.stream().filter(c -> c.userKey().equals(p.item().userId())).forEach(mine::add);
            now.put(p.item().userId(), held(p, mine));
            mine.forEach(c -> reports.add(row(p.item(), p.user(), c)));
            List<String> failures = mine.stream()
                    .filter(c -> c.outcome() == GrantChange.Outcome.FAILED)
                    .map(c -> c.errorCode() + ": " + c.message())
                    .toList();
            if (failures.isEmpty()) {
                outbox.complete(p.item().id());
            } else {
                // refused by the org or an unknown name: the same request would be refused again
                outbox.fail(p.item().id(), String.join("; ", failures));
            }
        }
        store.recordApplied(application.name(), now);
        exchange.setProperty(ReportRows.REPORT_ROWS, reports);
    }

    /**
     * Profile and role are fields of the User, set by the user write queued before this step (the mapping's fields
     * carry the desired names' ids, see {@link UserAccessFields}); here they are checked and reported once.
     */
    private List<GrantChange> userFields(
            String userKey, String application, Entitlements wanted, List<AppliedGrant> before, ApplicationLink link) {
        List<GrantChange> changes = new ArrayList<>();
        Map<String, Object> synced = synced(link);
        for (EntitlementKind kind : List.of(EntitlementKind.PROFILE, EntitlementKind.ROLE)) {
            String name = kind == EntitlementKind.PROFILE ? wanted.profile() : wanted.role();
            Grant grant = new Grant(kind, name);
            if (name == null || before.stream().anyMatch(a -> a.grant().equals(grant))) {
                continue;
            }
            String id;
            try {
                id = names.resolve(application, kind.reference(name));
            } catch (Exception e) {
                String code = e instanceof NameResolver.UnresolvedNameException
                        ? NameResolver.UnresolvedNameException.CODE
                        : classifier.classify(e).errorCode();
                changes.add(
                        change(userKey, application, grant, GrantChange.Outcome.FAILED, null, code, e.getMessage()));
                continue;
            }
            boolean onRecord = Objects.equals(id, synced.get(kind.userField()));
            changes.add(
                    onRecord
                            ? change(userKey, application, grant, GrantChange.Outcome.ADDED, id, null, null)
                            : change(
                                    userKey,
                                    application,
                                    grant,
                                    GrantChange.Outcome.FAILED,
                                    null,
                                    "NOT_APPLIED",
                                    kind.userField() + " was not written to the User (see the user's update row)"));
        }
        return changes;
    }

    private static GrantChange change(
            String userKey,
            String application,
            Grant grant,
            GrantChange.Outcome outcome,
            String id,
            String code,
            String message) {
        return new GrantChange(
                userKey,
                application,
                grant,
                outcome,
                id,
                code,
                message == null ? null : grant.kind().key() + " '" + grant.name() + "': " + message);
    }

    /** What the bundle holds for the user after the changes: assignments and the profile and role it set. */
    private static List<AppliedGrant> held(Planned p, List<GrantChange> changes) {
        List<AppliedGrant> now = GrantWriter.applied(p.before(), changes);
        // a profile or role no longer managed is left as it is on the User, and no longer counted as the bundle's
        now.removeIf(
                a -> a.grant().kind() == EntitlementKind.PROFILE && p.wanted().profile() == null);
        now.removeIf(a -> a.grant().kind() == EntitlementKind.ROLE && p.wanted().role() == null);
        for (GrantChange c : changes) {
            if (c.grant().kind().isUserField() && c.outcome() == GrantChange.Outcome.ADDED) {
                now.removeIf(a -> a.grant().kind() == c.grant().kind());
                now.add(new AppliedGrant(c.grant(), c.recordId()));
            }
        }
        return now;
    }

    private Map<String, Object> callFailed(Planned p, SalesforceFailure failure) {
        int attempts = p.item().attempts() + 1;
        String error = failure.errorCode() + ": " + failure.message();
        if (failure.retryable() && !retry.exhausted(attempts)) {
            Duration delay = retry.delayAfter(attempts);
            outbox.retryLater(p.item().id(), delay, error);
            return row(p.item(), p.user(), "entitlements", "retrying", null, failure.errorCode(), failure.message());
        }
        outbox.fail(p.item().id(), error);
        return row(p.item(), p.user(), "entitlements", "failure", null, failure.errorCode(), failure.message());
    }

    private static Map<String, Object> row(OutboxItem item, User user, GrantChange change) {
        String status =
                switch (change.outcome()) {
                    case ADDED, REMOVED -> "success";
                    case ALREADY_PRESENT -> "skipped";
                    case FAILED -> "failure";
                };
        String message = change.outcome() == GrantChange.Outcome.ALREADY_PRESENT
                ? change.grant().kind().key() + " '" + change.grant().name()
                        + "': already assigned in Salesforce (not by the bundle): kept, never removed by it"
                : change.message();
        return row(
                item,
                user,
                change.operation(),
                status,
                change.recordId(),
                change.outcome() == GrantChange.Outcome.ALREADY_PRESENT ? null : change.errorCode(),
                change.outcome() == GrantChange.Outcome.ADDED || change.outcome() == GrantChange.Outcome.REMOVED
                        ? change.grant().kind().key() + " '" + change.grant().name() + "'"
                        : message);
    }

    private static Map<String, Object> row(
            OutboxItem item,
            User user,
            String operation,
            String status,
            String recordId,
            String errorCode,
            String message) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put(ExchangeKeys.REPORT_STATUS, status);
        outcome.put(ExchangeKeys.RECORD_ID, recordId);
        outcome.put(ExchangeKeys.ERROR_CODE, errorCode);
        outcome.put(ExchangeKeys.ERROR_MESSAGE, message);
        Map<String, Object> row = BatchWriter.row(item, user.userName(), outcome);
        row.put(ExchangeKeys.OPERATION, operation); // the change's own, e.g. permissionSets:add
        return row;
    }

    private static Map<String, Object> synced(ApplicationLink link) {
        if (link.syncedFields() == null) {
            return Map.of();
        }
        try {
            Map<String, Object> fields = new LinkedHashMap<>();
            JsonNode node = JSON.readTree(link.syncedFields());
            node.fields()
                    .forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText(null)));
            return fields;
        } catch (Exception e) {
            return Map.of();
        }
    }
}
