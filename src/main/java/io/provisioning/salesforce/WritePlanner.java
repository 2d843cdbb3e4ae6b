package io.provisioning.salesforce;

import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.LinkState;
import io.provisioning.directory.OutboxItem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides, for one outbox item, which Salesforce call (if any) applies it: the lifecycle rules per target sObject
 * and feature switch. Pure logic; the Salesforce calls happen in the {@code salesforce-write} route.
 */
public final class WritePlanner {

    /** Whether the item will create a record, so the mapping applies its create-only rules. */
    public boolean creates(OutboxItem item, SalesforceApplication application, ApplicationLink link) {
        boolean hasRecord = link != null && link.hasRecord();
        return switch (item.operation()) {
            case CREATE -> !hasRecord;
            case UPDATE -> !hasRecord;
            case ACTIVATE -> !hasRecord || !isUserTarget(application);
            default -> false;
        };
    }

    /**
     * @param mapped the user's mapped fields (create or update mode as {@link #creates} said)
     * @param synced the fields last written to the record
     * @param userActive whether the directory user is active now
     */
    public WritePlan plan(
            OutboxItem item,
            SalesforceApplication application,
            ApplicationLink link,
            Map<String, Object> mapped,
            Map<String, Object> synced,
            boolean userActive) {
        return RequiredFields.checked(application, planned(item, application, link, mapped, synced, userActive));
    }

    private WritePlan planned(
            OutboxItem item,
            SalesforceApplication application,
            ApplicationLink link,
            Map<String, Object> mapped,
            Map<String, Object> synced,
            boolean userActive) {
        boolean hasRecord = link != null && link.hasRecord();
        String recordId = hasRecord ? link.recordId() : null;
        if (creates(item, application, link)) {
            if (!userActive) {
                return WritePlan.skip("the user is inactive; nothing to create", null);
            }
            if (!application.enabled(Feature.CREATE)) {
                return WritePlan.skip(switchedOff(Feature.CREATE, application), LinkState.SKIPPED);
            }
            // with an external-id field a repeated create (its answer lost) updates the record the first one made
            return application.idempotence().upserts() ? WritePlan.upsert(mapped) : WritePlan.create(mapped);
        }
        return switch (item.operation()) {
            case DELETE -> planDelete(application, link, recordId);
            case ACTIVATE -> application.enabled(Feature.EDIT)
                    ? WritePlan.reactivateUser(recordId)
                    : WritePlan.skip(switchedOff(Feature.EDIT, application), null);
            default -> planUpdate(application, link, recordId, mapped, synced, userActive);
        };
    }

    private static WritePlan planUpdate(
            SalesforceApplication application,
            ApplicationLink link,
            String recordId,
            Map<String, Object> mapped,
            Map<String, Object> synced,
            boolean userActive) {
        if (!userActive) {
            return WritePlan.skip("the user is inactive; the change is kept in the directory only", null);
        }
        if (!application.enabled(Feature.EDIT)) {
            return WritePlan.skip(switchedOff(Feature.EDIT, application), null);
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        mapped.forEach((field, value) -> {
            if (!Objects.equals(normalize(synced.get(field)), normalize(value))) {
                changed.put(field, value);
            }
        });
        if (changed.isEmpty()) {
            // after a failed write (e.g. a required field cleared, then given back) the record already holds the
            // user's values: the link is provisioned again rather than left failed
            boolean failedBefore = link != null && link.state() == LinkState.FAILED;
            return WritePlan.skip("no mapped field changed", failedBefore ? LinkState.PROVISIONED : null);
        }
        Map<String, Object> after = new LinkedHashMap<>(synced);
        after.putAll(changed);
        return WritePlan.update(recordId, changed, after);
    }

    private static WritePlan planDelete(SalesforceApplication application, ApplicationLink link, String recordId) {
        if (!application.enabled(Feature.DELETE)) {
            return WritePlan.skip(switchedOff(Feature.DELETE, application), null);
        }
        if (recordId == null) {
            return WritePlan.skip(
                    "no record in " + application.name() + " to delete",
                    link != null && link.deprovisioned() ? null : LinkState.SKIPPED);
        }
        if (isUserTarget(application)) {
            // Salesforce Users cannot be deleted, only deactivated.
            return WritePlan.deactivateUser(recordId);
        }
        return WritePlan.delete(recordId);
    }

    /** Numbers read back from JSON may differ in type from the mapped ones; compare their text. */
    private static Object normalize(Object value) {
        return value instanceof Number || value instanceof Boolean ? value.toString() : value;
    }

    static boolean isUserTarget(SalesforceApplication application) {
        return "User".equals(application.sObject());
    }

    static String switchedOff(Feature feature, SalesforceApplication application) {
        return feature.label() + " is switched off for " + application.name();
    }
}
