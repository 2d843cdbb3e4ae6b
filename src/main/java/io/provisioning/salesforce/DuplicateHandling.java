package io.provisioning.salesforce;

import io.provisioning.directory.OutboxItem;
import java.util.List;
import java.util.Map;

/**
 * Records a create that the org's duplicate rules refused, as the application's {@link OnDuplicate} says: LINK adopts
 * the one matched record, anything else fails for good naming the matched ids. Never retried: sending the same record
 * again meets the same rule.
 */
final class DuplicateHandling {

    static final String LINKED = "DUPLICATE_LINKED";

    private final OutcomeRecorder recorder;

    DuplicateHandling(OutcomeRecorder recorder) {
        this.recorder = recorder;
    }

    /** @return the item's report rows as {@code along} wrote them with the outcome (none when the lease was lost) */
    List<Map<String, Object>> record(
            OutboxItem item,
            WritePlan plan,
            SalesforceApplication application,
            DuplicateMatch match,
            OutcomeRecorder.ReportsAlong along) {
        String what = match.describe(application.sObject());
        if (application.onDuplicate() == OnDuplicate.LINK && match.recordIds().size() == 1) {
            return recorder.succeeded(
                    item,
                    plan,
                    match.recordIds().get(0),
                    new InDoubtNote(
                            LINKED,
                            "the org's duplicate rules found the user: " + what
                                    + "; linked to it instead of creating a second record (on-duplicate=link)"),
                    along);
        }
        String why =
                switch (application.onDuplicate()) {
                    case LINK -> "; several records match, none was adopted: merge them in Salesforce, then retry";
                    case ALLOW -> match.allowSave()
                            ? "; the create carried allowSave=true and was refused all the same"
                            : "; the rule blocks duplicates even with allowSave=true";
                    case FAIL -> "; not created (on-duplicate=fail)";
                };
        return recorder.failed(
                item, plan, new SalesforceFailure(false, 400, DuplicateMatch.CODE, what + why), false, along);
    }
}
