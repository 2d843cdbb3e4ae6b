package io.provisioning.salesforce;

import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.OutboxItem;
import io.provisioning.directory.User;

/**
 * One attempt at one outbox item in the {@code salesforce-write} route, carried as the exchange property
 * {@value #PROPERTY}: the item, the user and link it was prepared with, the {@link WritePlan}, and what an in-doubt
 * lookup or a refused deactivation added. The route branches on {@link #next()}.
 */
public final class WriteAttempt {

    /** The exchange property that carries the attempt through the route. */
    public static final String PROPERTY = "writeAttempt";

    /** What the route does next with the attempt: its {@code choice} branches, by name. */
    public enum Next {
        /** The plan makes no call: recorded as skipped (or refused) with the reason. */
        SKIP,
        /** A camel-salesforce call: {@link #operation()}. */
        CALL,
        /** {@code IsActive=false} on a User, with the freeze fallback: {@code salesforce-user-deactivate}. */
        DEACTIVATE_USER,
        /** An in-doubt create whose record was found: linked, nothing sent. */
        ADOPT,
        /** An in-doubt create that several records match: failed for good, nothing sent. */
        AMBIGUOUS
    }

    private final OutboxItem item;
    private final User user;
    private final ApplicationLink link;
    private WritePlan plan;
    private InDoubtResolver.Resolution resolution;
    private SalesforceFailure refusal;

    WriteAttempt(OutboxItem item, User user, ApplicationLink link) {
        this.item = item;
        this.user = user;
        this.link = link;
    }

    public Next next() {
        if (resolution != null && resolution.kind() == InDoubtResolver.Kind.ADOPT) {
            return Next.ADOPT;
        }
        if (resolution != null && resolution.kind() == InDoubtResolver.Kind.AMBIGUOUS) {
            return Next.AMBIGUOUS;
        }
        if (plan.skipped()) {
            return Next.SKIP;
        }
        return plan.is(WritePlan.Call.DEACTIVATE_USER) ? Next.DEACTIVATE_USER : Next.CALL;
    }

    /** The camel-salesforce operation of a {@link Next#CALL} ({@code createSObject}, {@code upsertSObject}, …). */
    public String operation() {
        return plan.skipped() ? null : plan.call().operation();
    }

    OutboxItem item() {
        return item;
    }

    User user() {
        return user;
    }

    ApplicationLink link() {
        return link;
    }

    WritePlan plan() {
        return plan;
    }

    InDoubtResolver.Resolution resolution() {
        return resolution;
    }

    SalesforceFailure refusal() {
        return refusal;
    }

    void planned(WritePlan decided) {
        this.plan = decided;
    }

    void resolved(InDoubtResolver.Resolution found) {
        this.resolution = found;
    }

    void refused(SalesforceFailure failure) {
        this.refusal = failure;
    }
}
