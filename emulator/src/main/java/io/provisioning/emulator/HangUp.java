package io.provisioning.emulator;

/** Thrown to make the HTTP front hold the call for {@code millis} and then drop the connection unanswered. */
final class HangUp extends RuntimeException {
    private final long millis;

    HangUp(long millis) {
        super("hang up after " + millis + " ms", null, false, false);
        this.millis = millis;
    }

    long millis() {
        return millis;
    }
}
