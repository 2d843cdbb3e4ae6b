package io.provisioning.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Pending faults, consumed first-in first-out by the calls they match. */
final class FaultInjector {
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    void add(Fault fault) {
        faults.add(fault);
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
