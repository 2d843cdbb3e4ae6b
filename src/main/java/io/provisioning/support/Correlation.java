package io.provisioning.support;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of the request being taken in on this thread (HTTP or JMS intake), so that the outbox work it
 * records carries it across the asynchronous gap. Set and cleared around each inbound exchange; a thread that takes in
 * nothing has none.
 */
public final class Correlation {

    /** The HTTP header read from requests and echoed in answers. */
    public static final String HEADER = "X-Correlation-Id";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/-]{1,100}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Correlation() {}

    /** @return the caller's id when it is a short plain token (it goes into logs), else a new one */
    public static String acceptOrGenerate(Object given) {
        String text = given == null ? null : given.toString().trim();
        return text != null && SAFE.matcher(text).matches()
                ? text
                : UUID.randomUUID().toString();
    }

    public static void set(String id) {
        CURRENT.set(id);
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** @return the id of the intake running on this thread, or null */
    public static String current() {
        return CURRENT.get();
    }
}
