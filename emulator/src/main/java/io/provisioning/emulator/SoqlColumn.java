package io.provisioning.emulator;

import java.util.Map;

/**
 * One column of a query: a field of the queried object ({@code relation} null), or a field of the parent record a
 * reference field points at ({@code Profile.Name} on User: relation ProfileId, parent Profile, field Name).
 */
record SoqlColumn(FieldDef relation, ObjectSchema parent, FieldDef field) {

    /** The relationship name as Salesforce renders it: the reference field without its "Id". */
    String relationshipName() {
        String name = relation.name();
        return name.substring(0, name.length() - 2);
    }

    /** The value in this record (read under the store's lock); null when the reference is empty or dangling. */
    Object value(OrgStore store, Map<String, Object> record) {
        if (relation == null) {
            return record.get(field.name());
        }
        Map<String, Object> parentRecord = parentOf(store, record);
        return parentRecord == null ? null : parentRecord.get(field.name());
    }

    Map<String, Object> parentOf(OrgStore store, Map<String, Object> record) {
        Object id = record.get(relation.name());
        return id == null ? null : store.get(id.toString());
    }
}
