package io.provisioning.directory;

/** One unit of provisioning work: apply {@code operation} for a user to one application. */
public record OutboxItem(long id, String userId, String application, String operation, String source, int attempts) {

    public static final String CREATE = "create";
}
