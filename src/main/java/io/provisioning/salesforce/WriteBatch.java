package io.provisioning.salesforce;

import io.provisioning.directory.Operation;
import io.provisioning.directory.OutboxItem;
import java.util.List;

/** Outbox items of one application and operation that go to Salesforce together in sObject collections. */
public record WriteBatch(String application, Operation operation, List<OutboxItem> items) {}
