package io.provisioning.emulator;

import java.util.concurrent.atomic.AtomicLong;

/** The DailyApiRequests counter; its Max can be changed at run time ({@code PUT /emulator/limits}). */
final class ApiUsage {
    private final AtomicLong used = new AtomicLong();
    private volatile long max;

    ApiUsage(long max) {
        this.max = max;
    }

    /** Counts one call; false when the limit is already reached (the call is then refused, not counted). */
    boolean tryAcquire() {
        while (true) {
            long current = used.get();
            if (current >= max) {
                return false;
            }
            if (used.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    long used() {
        return used.get();
    }

    long max() {
        return max;
    }

    long remaining() {
        return Math.max(0, max - used.get());
    }

    void max(long newMax) {
        if (newMax < 0) {
            throw ApiException.badRequest("INVALID_FIELD", "DailyApiRequests.Max must not be negative: " + newMax);
        }
        max = newMax;
    }

    void restore(long value) {
        used.set(value);
    }

    String limitInfoHeader() {
        return "api-usage=" + used.get() + "/" + max;
    }
}
