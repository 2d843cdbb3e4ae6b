package io.provisioning.queue;

/**
 * One lifecycle event read from the requests queue, its envelope checked: the action, the user name that identifies
 * the user, the {@code user} object as JSON (validated later by the API's parser), the optional application and the
 * optional request id.
 */
public record QueueRequest(String action, String userName, String userJson, String application, String requestId) {

    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String UPSERT = "upsert";
    public static final String DELETE = "delete";
    public static final String ACTIVATION_MAIL = "activation-mail";
}
