package io.provisioning.entitlements;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.salesforce.NameResolver;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Applies many users' plans in one application with as few calls as the org allows: names resolved once each
 * (cached SOQL, {@link NameResolver}), then every insert and every delete in sObject collections of 200. A name the
 * org does not have fails that grant only (the name in its row); a refused record fails that grant only; an
 * assignment that is already there (made by hand: DUPLICATE_VALUE) is kept and not taken as the bundle's, unless the
 * user's step is in doubt (an earlier attempt's answer was lost) and the record was assigned since that attempt went
 * out: then it is the one the lost call made, and the bundle's.
 */
public final class GrantWriter {

    /**
     * One user's plan: the user's key in the directory and its Salesforce id; {@code inDoubtSince}: when an earlier
     * attempt whose answer was lost went out, else null.
     */
    public record UserPlan(String userKey, String salesforceUserId, EntitlementPlan plan, OffsetDateTime inDoubtSince) {

        public UserPlan(String userKey, String salesforceUserId, EntitlementPlan plan) {
            this(userKey, salesforceUserId, plan, null);
        }
    }

    /** How Salesforce writes a datetime in JSON, e.g. {@code 2026-12-02T02:10:34.000+0000}. */
    private static final DateTimeFormatter SF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15,18}");
    private static final int IDS_PER_QUERY = 100;

    private final NameResolver names;
    private final GrantCalls calls;

    public GrantWriter(NameResolver names, GrantCalls calls) {
        this.names = names;
        this.calls = calls;
    }

    /** The changes made or refused, one per grant of every plan. */
    public List<GrantChange> apply(String application, List<UserPlan> plans) throws Exception {
        List<GrantChange> changes = new ArrayList<>();
        List<GrantBatches.Insert> inserts = new ArrayList<>();
        List<GrantBatches.Delete> deletes = new ArrayList<>();
        for (UserPlan user : plans) {
            for (Grant grant : user.plan().adds()) {
                try {
                    String id = names.resolve(application, grant.kind().reference(grant.name()));
                    inserts.add(new GrantBatches.Insert(user.userKey(), user.salesforceUserId(), grant, id));
                } catch (NameResolver.UnresolvedNameException e) {
                    changes.add(failed(user.userKey(), application, grant, e.getMessage()));
                }
            }
            user.plan().removes().forEach(r -> deletes.add(new GrantBatches.Delete(user.userKey(), r)));
        }
        Map<String, OffsetDateTime> inDoubt = new HashMap<>();
        plans.stream().filter(p -> p.inDoubtSince() != null).forEach(p -> inDoubt.put(p.userKey(), p.inDoubtSince()));
        List<GrantBatches.Insert> duplicates = new ArrayList<>();
        for (List<GrantBatches.Insert> batch : GrantBatches.inserts(inserts)) {
            List<GrantCalls.Result> results = calls.insert(
                    application, batch.stream().map(GrantBatches.Insert::record).toList());
            for (int i = 0; i < batch.size(); i++) {
                GrantBatches.Insert insert = batch.get(i);
                if (inDoubt.containsKey(insert.userKey())
                        && DUPLICATE.equals(results.get(i).errorCode())) {
                    duplicates.add(insert);
                } else {
                    changes.add(inserted(application, insert, results.get(i)));
                }
            }
        }
        changes.addAll(claimLostAnswers(application, duplicates, inDoubt));
        for (List<GrantBatches.Delete> batch : GrantBatches.deletes(deletes)) {
            List<String> ids = batch.stream().map(d -> d.applied().recordId()).toList();
            List<GrantCalls.Result> results = calls.delete(application, ids);
            for (int i = 0; i < batch.size(); i++) {
                changes.add(deleted(application, batch.get(i), results.get(i)));
            }
        }
        return changes;
    }

    private static final String DUPLICATE = "DUPLICATE_VALUE";

    /**
     * The duplicates of in-doubt steps: each existing record is looked up (by assignee and granted record) and is the
     * bundle's when it was assigned (SystemModstamp, "Date Assigned") at or after the second the lost attempt went
     * out; one assigned before is someone else's and stays theirs. Neither PermissionSetAssignment nor GroupMember has
     * CreatedById, so when it was made is what tells them apart.
     */
    private List<GrantChange> claimLostAnswers(
            String application, List<GrantBatches.Insert> duplicates, Map<String, OffsetDateTime> inDoubt)
            throws Exception {
        List<GrantChange> changes = new ArrayList<>();
        Map<EntitlementKind, List<GrantBatches.Insert>> byKind = new LinkedHashMap<>();
        duplicates.forEach(d ->
                byKind.computeIfAbsent(d.grant().kind(), k -> new ArrayList<>()).add(d));
        for (Map.Entry<EntitlementKind, List<GrantBatches.Insert>> entry : byKind.entrySet()) {
            EntitlementKind kind = entry.getKey();
            List<GrantBatches.Insert> all = entry.getValue();
            for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
                List<GrantBatches.Insert> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
                Map<String, JsonNode> existing = new HashMap<>();
                for (JsonNode r : calls.query(application, lookup(kind, chunk))) {
                    existing.put(
                            key(
                                    r.path(kind.assigneeField()).asText(),
                                    r.path(kind.grantField()).asText()),
                            r);
                }
                for (GrantBatches.Insert d : chunk) {
                    JsonNode record = existing.get(key(d.salesforceUserId(), d.grantedId()));
                    OffsetDateTime sent = inDoubt.get(d.userKey()).truncatedTo(ChronoUnit.SECONDS);
                    String assigned =
                            record == null ? "" : record.path("SystemModstamp").asText("");
                    boolean ours = !assigned.isEmpty()
                            && !OffsetDateTime.parse(assigned, SF_TIME).isBefore(sent);
                    changes.add(
                            ours
                                    ? new GrantChange(
                                            d.userKey(),
                                            application,
                                            d.grant(),
                                            GrantChange.Outcome.ADDED,
                                            record.path("Id").asText(),
                                            null,
                                            null)
                                    : inserted(
                                            application,
                                            d,
                                            new GrantCalls.Result(null, DUPLICATE, "already assigned")));
                }
            }
        }
        return changes;
    }

    /** The SOQL that finds the existing records of these inserts (ids checked: nothing else goes in the text). */
    private static String lookup(EntitlementKind kind, List<GrantBatches.Insert> inserts) {
        List<String> users = new ArrayList<>();
        List<String> granted = new ArrayList<>();
        for (GrantBatches.Insert i : inserts) {
            users.add(quoted(i.salesforceUserId()));
            granted.add(quoted(i.grantedId()));
        }
        return "SELECT Id, " + kind.assigneeField() + ", " + kind.grantField() + ", SystemModstamp FROM "
                + kind.grantObject() + " WHERE " + kind.assigneeField() + " IN (" + String.join(", ", users)
                + ") AND " + kind.grantField() + " IN (" + String.join(", ", granted) + ")";
    }

    /** Assignee and granted record, by their 15-character ids (the org answers 18, either may be given). */
    private static String key(String assignee, String granted) {
        return assignee.substring(0, Math.min(15, assignee.length())) + "|"
                + granted.substring(0, Math.min(15, granted.length()));
    }

    private static String quoted(String id) {
        if (id == null || !SALESFORCE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a Salesforce id: " + id);
        }
        return "'" + id + "'";
    }

    private static GrantChange failed(String user, String application, Grant grant, String message) {
        return new GrantChange(
                user,
                application,
                grant,
                GrantChange.Outcome.FAILED,
                null,
                NameResolver.UnresolvedNameException.CODE,
                grant.kind().key() + " '" + grant.name() + "': " + message);
    }

    private static GrantChange inserted(String application, GrantBatches.Insert insert, GrantCalls.Result result) {
        if (result.ok()) {
            return new GrantChange(
                    insert.userKey(), application, insert.grant(), GrantChange.Outcome.ADDED, result.id(), null, null);
        }
        GrantChange.Outcome outcome = "DUPLICATE_VALUE".equals(result.errorCode())
                ? GrantChange.Outcome.ALREADY_PRESENT
                : GrantChange.Outcome.FAILED;
        return new GrantChange(
                insert.userKey(),
                application,
                insert.grant(),
                outcome,
                null,
                result.errorCode(),
                insert.grant().kind().key() + " '" + insert.grant().name() + "': " + result.message());
    }

    private static GrantChange deleted(String application, GrantBatches.Delete delete, GrantCalls.Result result) {
        Grant grant = delete.applied().grant();
        // a record already gone (deleted by hand) is as removed as one the call deleted
        boolean gone = result.ok()
                || "ENTITY_IS_DELETED".equals(result.errorCode())
                || "INVALID_CROSS_REFERENCE_KEY".equals(result.errorCode());
        return gone
                ? new GrantChange(
                        delete.userKey(),
                        application,
                        grant,
                        GrantChange.Outcome.REMOVED,
                        delete.applied().recordId(),
                        null,
                        null)
                : new GrantChange(
                        delete.userKey(),
                        application,
                        grant,
                        GrantChange.Outcome.FAILED,
                        delete.applied().recordId(),
                        result.errorCode(),
                        grant.kind().key() + " '" + grant.name() + "': " + result.message());
    }

    /** The grants the bundle now holds for a user: before, plus added, minus removed. */
    public static List<AppliedGrant> applied(List<AppliedGrant> before, List<GrantChange> changes) {
        List<AppliedGrant> now = new ArrayList<>(before);
        for (GrantChange c : changes) {
            if (c.outcome() == GrantChange.Outcome.ADDED) {
                now.add(new AppliedGrant(c.grant(), c.recordId()));
            } else if (c.outcome() == GrantChange.Outcome.REMOVED) {
                now.removeIf(a -> a.recordId().equals(c.recordId()));
            }
        }
        return now;
    }
}
