package io.provisioning.salesforce;

import java.util.List;

import io.provisioning.directory.OutboxItem;

/**
 * One sObject collections call ({@code /composite/sobjects}): its HTTP method, JSON body (create, update) or record
 * ids (delete), and the items it carries, in the order Salesforce answers them.
 */
public record CompositeCall(String method, String body, String ids, List<Planned> items) {

    /** An outbox item with its plan and the report fields that identify it. */
    public record Planned(OutboxItem item, WritePlan plan, String userIdentifier) {
    }
}
