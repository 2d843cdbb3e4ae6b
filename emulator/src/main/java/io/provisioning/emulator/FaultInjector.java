package io.provisioning.emulator;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pending faults, consumed first-in first-out by the calls they match; rate-based faults stay and hit each matching
 * call with their probability, drawn from one random sequence (seeded, so a chaos run can be repeated).
 */
final class FaultInjector {
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private Random random = new Random();

    void add(Fault fault) {
        faults.add(fault);
    }

    /** Restarts the random sequence of rate-based faults. */
    synchronized void seed(long seed) {
        random = new Random(seed);
    }

    private synchronized boolean draw(double rate) {
        return random.nextDouble() < rate;
    }

    void clear() {
        faults.clear();
    }

    List<Fault> pending() {
        return List.copyOf(faults);
    }

    /** Consumes one occurrence of the first fault matching the operation, or returns null. */
    Fault take(String operation) {
        for (Fault f : faults) {
            if (f.matches(operation) && f.rateBased()) {
                if (draw(f.rate())) {
                    return f;
                }
                continue;
            }
            if (f.matches(operation)) {
                int left = f.remaining().getAndDecrement();
                if (left <= 1) {
                    faults.remove(f);
                }
                if (left >= 1) {
                    return f;
                }
            }
        }
        return null;
    }
}
