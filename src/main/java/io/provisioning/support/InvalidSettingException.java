package io.provisioning.support;

/** A setting has a value the bundle cannot use; {@link #key()} names it, so a report can point at its line. */
public class InvalidSettingException extends IllegalStateException {

    private final String key;

    public InvalidSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
