package io.provisioning.entitlements;

import io.provisioning.salesforce.NameResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies many users' plans in one application with as few calls as the org allows: names resolved once each
 * (cached SOQL, {@link NameResolver}), then every insert and every delete in sObject collections of 200. A name the
 * org does not have fails that grant only (the name in its row); a refused record fails that grant only; an
 * assignment that is already there (made by hand: DUPLICATE_VALUE) is kept and not taken as the bundle's.
 */
public final class GrantWriter {

    /** One user's plan: the user's key in the directory and its Salesforce id. */
    public record UserPlan(String userKey, String salesforceUserId, EntitlementPlan plan) {}

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
        for (List<GrantBatches.Insert> batch : GrantBatches.inserts(inserts)) {
            List<GrantCalls.Result> results = calls.insert(
                    application, batch.stream().map(GrantBatches.Insert::record).toList());
            for (int i = 0; i < batch.size(); i++) {
                changes.add(inserted(application, batch.get(i), results.get(i)));
            }
        }
        for (List<GrantBatches.Delete> batch : GrantBatches.deletes(deletes)) {
            List<String> ids = batch.stream().map(d -> d.applied().recordId()).toList();
            List<GrantCalls.Result> results = calls.delete(application, ids);
            for (int i = 0; i < batch.size(); i++) {
                changes.add(deleted(application, batch.get(i), results.get(i)));
            }
        }
        return changes;
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
