package io.provisioning.password;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One password being set from the reset page: the user, the token's hash, the new password (wiped after use, never
 * printed) and the outcome in each application.
 */
public final class PasswordChange {

    /** The outcome in one application: success, skipped, rejected (Salesforce refused the password) or failure. */
    public record Outcome(String application, String status, String code, String message) {}

    private final String userId;
    private final String userName;
    private final String tokenHash;
    private char[] secret;
    private final List<Outcome> outcomes = new ArrayList<>();

    public PasswordChange(String userId, String userName, String tokenHash, String secret) {
        this.userId = userId;
        this.userName = userName;
        this.tokenHash = tokenHash;
        this.secret = secret.toCharArray();
    }

    public String userId() {
        return userId;
    }

    public String userName() {
        return userName;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public synchronized String secret() {
        if (secret == null) {
            throw new IllegalStateException("The password was already wiped");
        }
        return new String(secret);
    }

    public synchronized void wipe() {
        if (secret != null) {
            Arrays.fill(secret, '\0');
            secret = null;
        }
    }

    public synchronized void add(Outcome outcome) {
        outcomes.add(outcome);
    }

    public synchronized List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    @Override
    public String toString() {
        return "PasswordChange[user=" + userName + ", outcomes=" + outcomes() + "]";
    }
}
