package io.provisioning.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The schema of one sObject type: fields (case-insensitive lookup) and the operations it supports. */
final class ObjectSchema {
    private final String name;
    private final String label;
    private final String keyPrefix;
    private final boolean createable;
    private final boolean deletable;
    private final List<FieldDef> fields = new CopyOnWriteArrayList<>();
    private final Map<String, FieldDef> byLowerName = new ConcurrentHashMap<>();

    ObjectSchema(
            String name,
            String label,
            String keyPrefix,
            boolean createable,
            boolean deletable,
            List<FieldDef> initialFields) {
        this.name = name;
        this.label = label;
        this.keyPrefix = keyPrefix;
        this.createable = createable;
        this.deletable = deletable;
        initialFields.forEach(this::addField);
    }

    String name() {
        return name;
    }

    String label() {
        return label;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    boolean createable() {
        return createable;
    }

    boolean deletable() {
        return deletable;
    }

    /** Soft delete is possible only where the object has IsDeleted. */
    boolean hasIsDeleted() {
        return byLowerName.containsKey("isdeleted");
    }

    List<FieldDef> fields() {
        return new ArrayList<>(fields);
    }

    FieldDef field(String fieldName) {
        return fieldName == null ? null : byLowerName.get(fieldName.toLowerCase(Locale.ROOT));
    }

    synchronized void addField(FieldDef field) {
        FieldDef previous = byLowerName.put(field.name().toLowerCase(Locale.ROOT), field);
        if (previous != null) {
            fields.remove(previous);
        }
        fields.add(field);
    }
}
