package io.provisioning.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Salesforce's concurrent API request limit: only requests that have run {@code thresholdMillis} (20 s) or longer
 * count; while {@code max} of them are still running (Developer Edition 5, production and sandboxes 25), a new
 * request is refused with REQUEST_LIMIT_EXCEEDED. Shorter requests are never limited.
 */
final class LongRequests {

    static final int DEVELOPER_EDITION_MAX = 5;
    static final long DOCUMENTED_THRESHOLD_MILLIS = 20_000;
    static final String MESSAGE = "ConcurrentRequests (Concurrent API Requests) Limit exceeded.";

    private final Map<Long, Long> running = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();
    private final LongSupplier clock;
    private volatile int max = DEVELOPER_EDITION_MAX;
    private volatile long thresholdMillis = DOCUMENTED_THRESHOLD_MILLIS;

    LongRequests(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    /** @return a ticket for {@link #exit}, or -1 when the request is refused */
    long enter() {
        long now = clock.getAsLong();
        long longOnes = running.values().stream()
                .filter(started -> now - started >= thresholdMillis)
                .count();
        if (longOnes >= max) {
            return -1;
        }
        long ticket = tickets.incrementAndGet();
        running.put(ticket, now);
        return ticket;
    }

    void exit(long ticket) {
        running.remove(ticket);
    }

    int max() {
        return max;
    }

    long thresholdMillis() {
        return thresholdMillis;
    }

    void configure(int newMax, long newThresholdMillis) {
        if (newMax < 1 || newThresholdMillis < 0) {
            throw ApiException.badRequest(
                    "INVALID_FIELD", "ConcurrentLongRequests needs Max >= 1 and ThresholdMillis >= 0");
        }
        max = newMax;
        thresholdMillis = newThresholdMillis;
    }
}
