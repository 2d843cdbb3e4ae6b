package io.provisioning.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value computed at most once per time-to-live, so that frequent health probes and scrapes do not hit the
 * database, the SMTP server or Salesforce on every request.
 */
public final class Cached<T> implements Supplier<T> {

    private final Supplier<T> source;
    private final Duration ttl;
    private final Clock clock;
    private T value;
    private Instant expires = Instant.MIN;

    public Cached(Supplier<T> source, Duration ttl, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized T get() {
        Instant now = clock.instant();
        if (value == null || !now.isBefore(expires)) {
            value = source.get();
            expires = now.plus(ttl);
        }
        return value;
    }
}
