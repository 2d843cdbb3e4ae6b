package io.provisioning.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The org's records, by type, with value indexes on external-id and unique fields, and the users' password state.
 * Records are immutable maps once stored: writers replace them. Callers hold {@link #read} or {@link #write}.
 */
final class OrgStore {
    /** Salted hash of a user's password; never the plaintext. */
    record PasswordState(String salt, String hash, boolean expired) {}

    private final SchemaRegistry schemas;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, Map<String, Object>>> byType = new HashMap<>();
    private final Map<String, String> typeById = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> indexes = new HashMap<>();
    private final Map<String, PasswordState> passwords = new HashMap<>();

    OrgStore(SchemaRegistry schemas) {
        this.schemas = schemas;
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    void writeRun(Runnable action) {
        write(() -> {
            action.run();
            return null;
        });
    }

    Map<String, Object> get(String id) {
        String type = typeById.get(id);
        return type == null ? null : byType.get(type).get(id);
    }

    String typeOf(String id) {
        return typeById.get(id);
    }

    List<Map<String, Object>> all(String type) {
        Map<String, Map<String, Object>> records = byType.get(type);
        return records == null ? List.of() : new ArrayList<>(records.values());
    }

    List<Map<String, Map<String, Object>>> allTypes() {
        return new ArrayList<>(byType.values());
    }

    int size() {
        return typeById.size();
    }

    /** Ids of live (not deleted) records whose indexed field equals the value, case-insensitively. */
    Set<String> lookup(String type, String field, String value) {
        Map<String, Set<String>> index = indexes.get(indexKey(type, field));
        if (index == null || value == null) {
            return Set.of();
        }
        Set<String> ids = index.get(value.toLowerCase(Locale.ROOT));
        return ids == null ? Set.of() : Collections.unmodifiableSet(ids);
    }

    void put(String type, Map<String, Object> record) {
        String id = (String) record.get("Id");
        Map<String, Object> frozen = Collections.unmodifiableMap(new LinkedHashMap<>(record));
        Map<String, Object> previous =
                byType.computeIfAbsent(type, k -> new LinkedHashMap<>()).put(id, frozen);
        typeById.put(id, type);
        reindex(type, id, previous, frozen);
    }

    void remove(String id) {
        String type = typeById.remove(id);
        if (type != null) {
            Map<String, Object> previous = byType.get(type).remove(id);
            reindex(type, id, previous, null);
        }
    }

    PasswordState password(String userId) {
        return passwords.get(userId);
    }

    void setPassword(String userId, PasswordState state) {
        passwords.put(userId, state);
    }

    Map<String, PasswordState> passwords() {
        return new HashMap<>(passwords);
    }

    void clear() {
        byType.clear();
        typeById.clear();
        indexes.clear();
        passwords.clear();
    }

    /** Builds the index of a field added after records exist. */
    void indexExisting(String type, FieldDef field) {
        for (Map<String, Object> record : all(type)) {
            addToIndex(type, field, record);
        }
    }

    private void reindex(String type, String id, Map<String, Object> before, Map<String, Object> after) {
        ObjectSchema schema = schemas.find(type);
        for (FieldDef f : schema.fields()) {
            if (!f.indexed()) {
                continue;
            }
            if (before != null && live(before) && before.get(f.name()) != null) {
                Map<String, Set<String>> index = indexes.get(indexKey(type, f.name()));
                if (index != null) {
                    String key = before.get(f.name()).toString().toLowerCase(Locale.ROOT);
                    Set<String> ids = index.get(key);
                    if (ids != null) {
                        ids.remove(id);
                        if (ids.isEmpty()) {
                            index.remove(key);
                        }
                    }
                }
            }
            if (after != null) {
                addToIndex(type, f, after);
            }
        }
    }

    private void addToIndex(String type, FieldDef f, Map<String, Object> record) {
        Object value = record.get(f.name());
        if (value != null && live(record)) {
            indexes.computeIfAbsent(indexKey(type, f.name()), k -> new HashMap<>())
                    .computeIfAbsent(value.toString().toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>())
                    .add((String) record.get("Id"));
        }
    }

    private static boolean live(Map<String, Object> record) {
        return !Boolean.TRUE.equals(record.get("IsDeleted"));
    }

    private static String indexKey(String type, String field) {
        return type + "." + field.toLowerCase(Locale.ROOT);
    }
}
