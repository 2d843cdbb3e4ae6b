package io.provisioning.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.NewUser;
import io.provisioning.directory.Operation;
import io.provisioning.directory.OutboxItem;
import io.provisioning.directory.User;
import io.provisioning.directory.UserPatch;
import io.provisioning.entitlements.Entitlements;
import io.provisioning.entitlements.EntitlementsPreview;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.WritePlan;
import io.provisioning.salesforce.WritePlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The dry run of a directory change: per application, the step the real run would take. It asks the real
 * {@link WritePlanner} with the real mapping, the link's stored state and the values last written, so a plan cannot
 * disagree with what the outbox would send; it writes nothing and calls nothing.
 */
public final class ChangePlanner {

    /** Stands in for the id a new user would get (a mapping may send it, e.g. as the external id). */
    static final String NEW_USER_ID = "(new user id)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SalesforceApplications applications;
    private final AttributeMappings mappings;
    private final ApplicationLinks links;
    private final EntitlementsPreview entitlements;
    private final WritePlanner planner = new WritePlanner();

    /** @param entitlements what the entitlement steps would add and remove (issue 20) */
    public ChangePlanner(
            SalesforceApplications applications,
            AttributeMappings mappings,
            ApplicationLinks links,
            EntitlementsPreview entitlements) {
        this.applications = applications;
        this.mappings = mappings;
        this.links = links;
        this.entitlements = entitlements;
    }

    /**
     * Per User application the request gives entitlements for: what its entitlement step would {@code add} and
     * {@code remove}, by kind and name (empty when nothing). {@code userId} null: a new user; an inactive user gets
     * none (its entitlements are stored only).
     */
    public Map<String, EntitlementsPreview.Change> entitlementChanges(
            String userId, boolean active, Map<String, Entitlements> requested, List<String> linked) {
        return active ? entitlements.changes(userId, requested, linked) : Map.of();
    }

    /** A new user, linked to {@code linkedTo} as the real create would link it. */
    public List<PlannedStep> forNewUser(NewUser request, List<String> linkedTo) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        User user = new User(
                NEW_USER_ID,
                request.userName(),
                request.email(),
                request.firstName(),
                request.lastName(),
                request.company(),
                request.customAttributes(),
                true,
                "created",
                now,
                now);
        return linkedTo.stream()
                .map(app -> step(user, Operation.CREATE, applications.get(app), null))
                .toList();
    }

    /** A change to an existing user, for each application it is linked to. */
    public List<PlannedStep> forChange(User before, UserPatch patch) {
        User after = patch.applyTo(before);
        List<ApplicationLink> userLinks = links.list(before.id());
        if (UserPatch.same(before, after)) {
            return userLinks.stream()
                    .map(l -> skip(
                            l.application(),
                            patch.entitlements().containsKey(l.application())
                                    ? "no field of the user changes; its entitlement step is planned apart"
                                    : "nothing changed in the directory; no work is queued"))
                    .toList();
        }
        Operation operation = Operation.forChange(before.active(), after.active());
        return userLinks.stream()
                .map(link -> operation == null
                        ? skip(link.application(), "the user is inactive; the change is kept in the directory only")
                        : step(after, operation, applications.get(link.application()), link))
                .toList();
    }

    /** The applications the user is linked to (a change queues work for these). */
    public List<String> linkedApplications(String userId) {
        return links.list(userId).stream().map(ApplicationLink::application).toList();
    }

    /** The same reason for every application a refused input concerns. */
    public static List<PlannedStep> invalid(List<String> applicationNames, String reason) {
        return applicationNames.stream()
                .map(a -> PlannedStep.invalid(a, reason))
                .toList();
    }

    private PlannedStep step(User user, Operation operation, SalesforceApplication application, ApplicationLink link) {
        OutboxItem item =
                new OutboxItem(0, user.id(), application.name(), operation, "dry-run", 0, null, user.updatedAt(), null);
        boolean creating = planner.creates(item, application, link);
        Map<String, Object> mapped = mappings.forApplication(application.name()).apply(user, creating);
        Map<String, Object> synced = synced(link);
        WritePlan plan = planner.plan(item, application, link, mapped, synced, user.active());
        return PlannedStep.of(application.name(), plan, synced);
    }

    private static PlannedStep skip(String application, String reason) {
        return new PlannedStep(application, PlannedStep.Action.SKIP, null, null, reason, null);
    }

    private static Map<String, Object> synced(ApplicationLink link) {
        if (link == null || link.syncedFields() == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(link.syncedFields(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
