package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Open query locators: a snapshot of the rendered rows, kept 15 minutes after last use (at most 50 open). */
final class QueryCursors {
    private static final long TTL_MS = 15 * 60 * 1000L;
    private static final int MAX_OPEN = 50;

    record Cursor(List<ObjectNode> rows, int pageSize, long[] lastUsed) {}

    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private final IdGenerator ids;

    QueryCursors(IdGenerator ids) {
        this.ids = ids;
    }

    String open(List<ObjectNode> rows, int pageSize) {
        evict();
        String locator = ids.next("01g");
        cursors.put(locator, new Cursor(rows, pageSize, new long[] {System.currentTimeMillis()}));
        return locator;
    }

    Cursor find(String locator) {
        Cursor c = cursors.get(locator);
        if (c != null) {
            c.lastUsed()[0] = System.currentTimeMillis();
        }
        return c;
    }

    void clear() {
        cursors.clear();
    }

    private void evict() {
        long now = System.currentTimeMillis();
        cursors.values().removeIf(c -> now - c.lastUsed()[0] > TTL_MS);
        while (cursors.size() >= MAX_OPEN) {
            String oldest = null;
            long oldestTime = Long.MAX_VALUE;
            for (Iterator<Map.Entry<String, Cursor>> it = cursors.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Cursor> e = it.next();
                if (e.getValue().lastUsed()[0] < oldestTime) {
                    oldestTime = e.getValue().lastUsed()[0];
                    oldest = e.getKey();
                }
            }
            cursors.remove(oldest);
        }
    }
}
