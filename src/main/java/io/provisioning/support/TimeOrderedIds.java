package io.provisioning.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Record ids as version 7 UUIDs (RFC 9562): a millisecond timestamp first, so ids created later sort later, in their
 * text form too. Random UUIDs scatter inserts over the whole primary-key index (and every index that starts with a
 * user id), so each bulk chunk rewrote pages all over the index; time-ordered ids append at its end.
 */
public final class TimeOrderedIds {

    /** Milliseconds shifted left by 12 bits plus a counter: strictly increasing within this process. */
    private static final AtomicLong LAST = new AtomicLong();

    private TimeOrderedIds() {}

    public static String next() {
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() << 12));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long high = (millis << 16) | 0x7000L | counter;
        long low = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
