package io.provisioning.password;

/** What a presented reset token turned out to be; {@code userId} and {@code hash} only when it is known. */
public record TokenCheck(Status status, String userId, String hash) {

    /** IN_USE: claimed by a submit that is running, or that was cut short (the link then counts as used). */
    public enum Status {
        VALID,
        EXPIRED,
        USED,
        SUPERSEDED,
        IN_USE,
        REVOKED,
        UNKNOWN
    }

    public static final TokenCheck UNKNOWN = new TokenCheck(Status.UNKNOWN, null, null);

    public boolean valid() {
        return status == Status.VALID;
    }
}
