package io.provisioning.salesforce;

import io.provisioning.directory.OutboxItem;
import java.util.List;

/**
 * One sObject collections call ({@code /composite/sobjects}): its HTTP method, JSON body (create, update, upsert) or
 * record ids (delete), the items it carries, in the order Salesforce answers them, and the path after
 * {@code /composite/sobjects} ({@code /Lead/Provisioning_Id__c} for an upsert, else empty).
 */
public record CompositeCall(String method, String body, String ids, List<Planned> items, String path) {

    public CompositeCall(String method, String body, String ids, List<Planned> items) {
        this(method, body, ids, items, "");
    }

    /** Whether the call may create records. */
    boolean creates() {
        return !items.isEmpty() && items.get(0).plan().creates();
    }

    /** An outbox item with its plan and the report fields that identify it. */
    public record Planned(OutboxItem item, WritePlan plan, String userIdentifier) {}
}
