package io.provisioning.emulator;

/**
 * One field of an sObject schema.
 *
 * @param referencePrefix for REFERENCE fields, the key prefix the id must have (null = any)
 * @param defaultValue    value set on create when the field is absent
 */
record FieldDef(
        String name,
        String label,
        FieldType type,
        int length,
        boolean required,
        boolean createable,
        boolean updateable,
        boolean externalId,
        boolean unique,
        String referencePrefix,
        Object defaultValue) {

    static FieldDef text(String name, String label, int length) {
        return new FieldDef(name, label, FieldType.STRING, length, false, true, true, false, false, null, null);
    }

    static FieldDef of(String name, String label, FieldType type, int length) {
        return new FieldDef(name, label, type, length, false, true, true, false, false, null, null);
    }

    static FieldDef readOnly(String name, String label, FieldType type) {
        return new FieldDef(name, label, type, type.isText() ? 255 : 0, false, false, false, false, false, null, null);
    }

    static FieldDef reference(String name, String label, String prefix) {
        return new FieldDef(name, label, FieldType.REFERENCE, 18, false, true, true, false, false, prefix, null);
    }

    static FieldDef bool(String name, String label, boolean defaultValue) {
        return new FieldDef(name, label, FieldType.BOOLEAN, 0, false, true, true, false, false, null, defaultValue);
    }

    FieldDef asRequired() {
        return new FieldDef(
                name,
                label,
                type,
                length,
                true,
                createable,
                updateable,
                externalId,
                unique,
                referencePrefix,
                defaultValue);
    }

    FieldDef asUnique() {
        return new FieldDef(
                name,
                label,
                type,
                length,
                required,
                createable,
                updateable,
                externalId,
                true,
                referencePrefix,
                defaultValue);
    }

    FieldDef withDefault(Object value) {
        return new FieldDef(
                name,
                label,
                type,
                length,
                required,
                createable,
                updateable,
                externalId,
                unique,
                referencePrefix,
                value);
    }

    FieldDef createOnly() {
        return new FieldDef(
                name, label, type, length, required, true, false, externalId, unique, referencePrefix, defaultValue);
    }

    /**
     * True for fields that need a value index: external ids, unique fields, e-mails (duplicate rules) and required
     * references (an assignment's user, a member's group: checked for duplicates on every insert).
     */
    boolean indexed() {
        return externalId || unique || type == FieldType.EMAIL || (type == FieldType.REFERENCE && required);
    }
}
