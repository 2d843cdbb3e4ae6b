package io.provisioning.salesforce;

import io.provisioning.directory.Operation;
import io.provisioning.directory.OutboxItem;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;

/**
 * The Bulk API 2.0 operation that carries one kind of outbox work, and the key column by which each result row finds
 * its item again (result order is not guaranteed): creates go as upserts on the application's external-id field
 * carrying the directory user's id (a row sent twice can never make a second record); updates, deletions and a User's
 * deactivations (an update to {@code IsActive=false}: Users cannot be deleted) by the linked record's {@code Id}.
 */
enum BulkOperation {
    UPSERT(Operation.CREATE.db(), OperationEnum.UPSERT),
    UPDATE(Operation.UPDATE.db(), OperationEnum.UPDATE),
    DELETE(Operation.DELETE.db(), OperationEnum.DELETE),
    /** The deletions of a User application: deactivations, whose permanent refusals go back for the freeze. */
    DEACTIVATE(Operation.DELETE.db(), OperationEnum.UPDATE);

    static final String ID = "Id";

    private final String outboxOperation;
    private final OperationEnum salesforce;

    BulkOperation(String outboxOperation, OperationEnum salesforce) {
        this.outboxOperation = outboxOperation;
        this.salesforce = salesforce;
    }

    /** The outbox operation ({@link OutboxItem#CREATE}, …) whose work this carries. */
    String outboxOperation() {
        return outboxOperation;
    }

    OperationEnum salesforce() {
        return salesforce;
    }

    /**
     * The operations that can carry an application's work: creates only with an external-id field to upsert on (a
     * row sent twice must never make a second record); a User application deactivates where others delete.
     */
    static List<BulkOperation> of(SalesforceApplication application) {
        List<BulkOperation> operations = new java.util.ArrayList<>();
        if (application.idempotence().upserts()) {
            operations.add(UPSERT);
        }
        operations.add(UPDATE);
        operations.add(WritePlanner.isUserTarget(application) ? DEACTIVATE : DELETE);
        return operations;
    }

    /** The operation of an application's job that reserved work of {@code outboxOperation}. */
    static BulkOperation of(String outboxOperation, SalesforceApplication application) {
        if (Operation.DELETE.db().equals(outboxOperation)) {
            return WritePlanner.isUserTarget(application) ? DEACTIVATE : DELETE;
        }
        for (BulkOperation operation : List.of(UPSERT, UPDATE)) {
            if (operation.outboxOperation.equals(outboxOperation)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("no Bulk API operation carries " + outboxOperation);
    }

    /** The CSV's first column: the external-id field of an upsert, else the record id. */
    String keyColumn(SalesforceApplication application) {
        return this == UPSERT ? application.idempotence().externalIdField() : ID;
    }

    /**
     * Whether a job of this operation carries the plan: a reactivation or an update that turned out to be a create
     * goes back to collections.
     */
    boolean carries(WritePlan plan) {
        return switch (this) {
            case UPSERT -> plan.creates();
            case UPDATE -> plan.is(WritePlan.Call.UPDATE) && plan.recordId() != null;
            case DELETE -> plan.is(WritePlan.Call.DELETE) && plan.recordId() != null;
            case DEACTIVATE -> plan.is(WritePlan.Call.DEACTIVATE_USER) && plan.recordId() != null;
        };
    }

    /** The row's key: the directory user's id for an upsert, the linked record's id otherwise. */
    String key(OutboxItem item, WritePlan plan) {
        return this == UPSERT ? item.userId() : plan.recordId();
    }

    /** The row's other columns: a deletion's CSV holds the record id only. */
    Map<String, Object> fields(WritePlan plan) {
        return this == DELETE || plan.body() == null ? Map.of() : plan.body();
    }
}
