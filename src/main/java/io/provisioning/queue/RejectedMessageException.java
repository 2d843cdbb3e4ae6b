package io.provisioning.queue;

/**
 * A message that can never be applied (not JSON, wrong shape, unknown action, too large, invalid user, unknown
 * user): it goes straight to the dead-letter queue with this reason, without redelivery. Carries what is known of
 * the request, for the report row.
 */
public class RejectedMessageException extends RuntimeException {

    private final transient QueueRequest request;

    public RejectedMessageException(String reason) {
        this(reason, null);
    }

    public RejectedMessageException(String reason, QueueRequest request) {
        super(reason);
        this.request = request;
    }

    /** The request as far as it could be read; null when the envelope itself is unreadable. */
    public QueueRequest request() {
        return request;
    }
}
