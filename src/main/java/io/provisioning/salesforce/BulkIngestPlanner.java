package io.provisioning.salesforce;

import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.OutboxItem;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.mapping.AttributeMapping;
import io.provisioning.mapping.AttributeMappings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a page of a Bulk API job's items with the rules of single writes (the mapping, names resolved to the org's
 * ids, the lifecycle table): what goes into the job (what its {@link BulkOperation} carries), what is skipped or
 * failed at once (with its report row), and what the job cannot carry and goes back to the outbox for collections.
 */
final class BulkIngestPlanner {

    /** A page's plan. */
    record Page(List<CompositeCall.Planned> rows, List<Map<String, Object>> reports, List<Long> giveBack) {}

    private final UserDirectory directory;
    private final ApplicationLinks links;
    private final AttributeMappings mappings;
    private final OutcomeRecorder recorder;
    private final NameResolver names;
    private final UserFieldsHook userFields;
    private final WritePlanner planner = new WritePlanner();

    BulkIngestPlanner(
            UserDirectory directory,
            ApplicationLinks links,
            AttributeMappings mappings,
            OutcomeRecorder recorder,
            NameResolver names,
            UserFieldsHook userFields) {
        this.directory = directory;
        this.links = links;
        this.mappings = mappings;
        this.recorder = recorder;
        this.names = names;
        this.userFields = userFields;
    }

    /** @param calls the job's application, and where its report rows are written with their outcomes */
    Page plan(BulkIngestCalls calls, BulkOperation operation, List<OutboxItem> items) throws Exception {
        SalesforceApplication application = calls.application();
        AttributeMapping mapping = mappings.forApplication(application.name());
        List<String> userIds = items.stream().map(OutboxItem::userId).toList();
        Map<String, User> users = directory.findAll(userIds);
        Map<String, ApplicationLink> pageLinks = links.findAll(userIds, application.name());
        Page page = new Page(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (OutboxItem item : items) {
            Optional<User> user = Optional.ofNullable(users.get(item.userId()));
            if (user.isEmpty()) {
                page.reports()
                        .addAll(recorder.failed(
                                item,
                                null,
                                new SalesforceFailure(false, 0, "USER_NOT_FOUND", "no user with id " + item.userId()),
                                true,
                                calls.along(item, item.userId())));
                continue;
            }
            ApplicationLink link = pageLinks.get(item.userId());
            boolean creating = planner.creates(item, application, link);
            WritePlan plan = BatchWriter.plan(
                    planner,
                    names,
                    item,
                    application,
                    link,
                    // the same fields as a collections write (issue 20: ProfileId, UserRoleId of the entitlements)
                    userFields.fields(application, item.userId(), mapping.apply(user.get(), creating)),
                    user.get().active());
            if (plan.skipped()) {
                page.reports()
                        .addAll(recorder.skipped(
                                item, plan, link, calls.along(item, user.get().userName())));
            } else if (operation.carries(plan)) {
                page.rows().add(new CompositeCall.Planned(item, plan, user.get().userName()));
            } else {
                page.giveBack().add(item.id()); // e.g. a User's deactivation (freeze fallback): collections send it
            }
        }
        return page;
    }
}
