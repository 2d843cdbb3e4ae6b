package io.provisioning.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Record changes made under the store's write lock; undone on rollback, journaled on commit. */
final class UnitOfWork {
    private record Change(String type, String id, Map<String, Object> before, Map<String, Object> after) {}

    private final OrgStore store;
    private final Persistence persistence;
    private final List<Change> changes = new ArrayList<>();

    UnitOfWork(OrgStore store, Persistence persistence) {
        this.store = store;
        this.persistence = persistence;
    }

    void put(String type, Map<String, Object> record) {
        String id = (String) record.get("Id");
        changes.add(new Change(type, id, store.get(id), record));
        store.put(type, record);
    }

    /** Marks where a composite element starts, so one element can be undone alone. */
    int mark() {
        return changes.size();
    }

    void rollbackTo(int mark) {
        for (int i = changes.size() - 1; i >= mark; i--) {
            Change c = changes.remove(i);
            if (c.before() == null) {
                store.remove(c.id());
            } else {
                store.put(c.type(), c.before());
            }
        }
    }

    void rollback() {
        rollbackTo(0);
    }

    void commit() {
        for (Change c : changes) {
            persistence.recordStored(c.type(), store.get(c.id()));
        }
        changes.clear();
    }
}
