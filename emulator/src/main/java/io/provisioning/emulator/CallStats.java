package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls received per operation (token calls included), for tests and benchmarks; and what took effect: calls applied
 * per operation (answered 2xx, or applied by a fault), and among them those whose answer a fault replaced or lost.
 */
final class CallStats {
    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> applied = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> answerLost = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

    void count(String operation) {
        increment(byOperation, operation);
    }

    /** The call took effect; {@code answerLost}: a fault replaced its answer or dropped the connection. */
    void applied(String operation, boolean answerLost) {
        increment(applied, operation);
        if (answerLost) {
            increment(this.answerLost, operation);
        }
    }

    /** A fault answered the call without applying it. */
    void refused(String operation) {
        increment(refused, operation);
    }

    void clear() {
        byOperation.clear();
        applied.clear();
        answerLost.clear();
        refused.clear();
    }

    private static void increment(Map<String, LongAdder> counts, String operation) {
        counts.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    private static ObjectNode counts(Map<String, LongAdder> counts) {
        ObjectNode node = Json.object();
        new TreeMap<>(counts).forEach((op, n) -> node.put(op, n.sum()));
        return node;
    }

    ObjectNode toJson() {
        ObjectNode node = Json.object();
        ObjectNode ops = Json.object();
        long total = 0;
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(byOperation).entrySet()) {
            long n = e.getValue().sum();
            total += n;
            ops.put(e.getKey(), n);
        }
        node.put("total", total);
        node.set("byOperation", ops);
        node.set("applied", counts(applied));
        node.set("answerLost", counts(answerLost));
        node.set("refusedByFault", counts(refused));
        return node;
    }
}
