package io.provisioning.password;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** Counts failures per key (a client address) in a sliding window and says when a key must wait. */
public class AttemptLimiter {

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final AttemptLog log;

    /** Failures counted in this instance's memory. */
    public AttemptLimiter(int max, Duration window, Clock clock) {
        this(max, window, clock, new MemoryAttemptLog());
    }

    AttemptLimiter(int max, Duration window, Clock clock, AttemptLog log) {
        this.max = max;
        this.window = window;
        this.clock = clock;
        this.log = log;
    }

    /** Failures counted in the database, shared by every instance of a cluster; {@code scope} names the limiter. */
    static AttemptLimiter shared(int max, Duration window, Clock clock, DataSource dataSource, String scope) {
        return new AttemptLimiter(max, window, clock, new DatabaseAttemptLog(dataSource, scope));
    }

    public boolean blocked(String key) {
        return log.countAfter(key, windowStart()) >= max;
    }

    public void failed(String key) {
        log.add(key, clock.millis(), windowStart());
    }

    /** Failures at or before this moment have left the window. */
    private long windowStart() {
        return clock.millis() - window.toMillis();
    }
}
