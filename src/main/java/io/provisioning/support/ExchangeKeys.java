package io.provisioning.support;

/** Names of the exchange properties that carry one provisioning operation through the routes. */
public final class ExchangeKeys {

    public static final String OUTBOX_ITEM = "outboxItem";
    public static final String APPLICATION = "application";
    public static final String COMPONENT = "component";
    public static final String SOBJECT = "sObject";
    public static final String CREATING = "creating";
    public static final String STARTED_AT = "startedAt";
    public static final String USER_ID = "userId";
    public static final String USER_IDENTIFIER = "userIdentifier";
    public static final String OPERATION = "operation";
    public static final String SOURCE = "source";
    public static final String ATTEMPT = "attempt";
    public static final String REPORT_STATUS = "reportStatus";
    public static final String RECORD_ID = "recordId";
    public static final String ERROR_CODE = "errorCode";
    public static final String ERROR_MESSAGE = "errorMessage";
    /** A correlation id of the request or job that caused the operation (optional). */
    public static final String REQUEST_ID = "requestId";
    /** The report row of the failure this work retries (re-drive), else absent. */
    public static final String RETRY_OF = "retryOf";
    /**
     * The correlation id of the request behind the operation, for log lines (HTTP X-Correlation-Id, JMS, generated).
     */
    public static final String CORRELATION_ID = "correlationId";
    /** A bulk file's row outcomes: how many rows of each {@code BulkOutcome} it applied. */
    public static final String BULK_ROWS = "bulkRows";

    private ExchangeKeys() {}
}
