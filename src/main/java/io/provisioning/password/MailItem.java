package io.provisioning.password;

/** One queued mail: an activation mail or a reset link requested by mail. */
public record MailItem(long id, String userId, String kind, String source, int attempts) {

    public static final String ACTIVATION = "activation";
    public static final String RESET = "reset";
}
