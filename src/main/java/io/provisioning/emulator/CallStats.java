package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Calls received per operation (token calls included), for tests and benchmarks. */
final class CallStats {
    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

    void count(String operation) {
        byOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    void clear() {
        byOperation.clear();
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
        return node;
    }
}
