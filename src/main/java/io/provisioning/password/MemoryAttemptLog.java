package io.provisioning.password;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Failures in this instance's memory: for one instance (the console sign-in, tests). */
final class MemoryAttemptLog implements AttemptLog {

    private static final int MAX_KEYS = 100_000;

    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    @Override
    public void add(String key, long millis, long forgetBefore) {
        if (failures.size() > MAX_KEYS) {
            failures.clear();
        }
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, forgetBefore);
            times.addLast(millis);
        }
    }

    @Override
    public int countAfter(String key, long since) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, since + 1);
            return times.size();
        }
    }

    private static void prune(Deque<Long> times, long before) {
        while (!times.isEmpty() && times.peekFirst() < before) {
            times.removeFirst();
        }
    }
}
