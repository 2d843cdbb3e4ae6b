package io.provisioning.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues ids laid out as key prefix (3) + "Em0" (pod marker) + 9-char base-62 counter, plus the checksum suffix.
 * Counters are per key prefix and resume above every id seen in the journal.
 */
final class IdGenerator {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String POD = "Em0";
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    String next(String keyPrefix) {
        long n = counters.computeIfAbsent(keyPrefix, k -> new AtomicLong()).incrementAndGet();
        return SalesforceIds.to18(keyPrefix + POD + encode(n));
    }

    /** Makes sure later ids are above the counter of an existing id. */
    void observe(String id18) {
        if (id18 == null || id18.length() != 18 || !id18.startsWith(POD, 3)) {
            return;
        }
        long n = decode(id18.substring(6, 15));
        counters.computeIfAbsent(id18.substring(0, 3), k -> new AtomicLong()).accumulateAndGet(n, Math::max);
    }

    /** A fixed id for singletons such as the org or the integration user's profile. */
    static String fixed(String keyPrefix, long n) {
        return SalesforceIds.to18(keyPrefix + "Em0" + encode(n));
    }

    private static String encode(long n) {
        char[] out = new char[9];
        for (int i = 8; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (n % 62));
            n /= 62;
        }
        return new String(out);
    }

    private static long decode(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = BASE62.indexOf(s.charAt(i));
            if (d < 0) {
                return 0;
            }
            n = n * 62 + d;
        }
        return n;
    }
}
