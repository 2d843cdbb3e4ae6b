package io.provisioning.directory;

/**
 * One unit of provisioning work: apply {@code operation} for a user to one application ({@code jobId}: the file job
 * that caused it, if any; {@code correlationId}: the request's, if it came in over HTTP or JMS; {@code sentAt}: when
 * an earlier attempt was sent to Salesforce without a known outcome, else null; {@code retryOf}: the report row
 * of the failure a re-drive put this work back for, else null).
 */
public record OutboxItem(
        long id,
        String userId,
        String application,
        Operation operation,
        String source,
        int attempts,
        String jobId,
        java.time.OffsetDateTime createdAt,
        String correlationId,
        java.time.OffsetDateTime sentAt,
        Long retryOf) {

    public OutboxItem(
            long id,
            String userId,
            String application,
            Operation operation,
            String source,
            int attempts,
            String jobId,
            java.time.OffsetDateTime createdAt,
            String correlationId) {
        this(id, userId, application, operation, source, attempts, jobId, createdAt, correlationId, null, null);
    }

    /**
     * An earlier attempt was sent and its answer never came (timeout, dropped connection, 5xx, or the bundle died
     * before recording it): Salesforce may have applied it.
     */
    public boolean inDoubt() {
        return sentAt != null;
    }

    /** The id its log lines carry: the request's, else the item's own (shared by all its attempts). */
    public String correlation() {
        return correlationId != null ? correlationId : "outbox-" + id;
    }

    /** The item of a row selected with {@link Outbox#COLUMNS}, in that order (the outbox and Bulk API jobs alike). */
    static OutboxItem read(java.sql.ResultSet rows) throws java.sql.SQLException {
        return new OutboxItem(
                rows.getLong(1),
                rows.getString(2),
                rows.getString(3),
                Operation.of(rows.getString(4)),
                rows.getString(5),
                rows.getInt(6),
                rows.getString(7),
                rows.getObject(8, java.time.OffsetDateTime.class),
                rows.getString(9),
                rows.getObject(10, java.time.OffsetDateTime.class),
                (Long) rows.getObject(11, Long.class));
    }
}
