package io.provisioning.emulator;

import java.util.List;
import java.util.Optional;

/**
 * The fields the emulator knows for each sObject (a subset of Salesforce's standard fields of Lead, Contact and User,
 * plus {@code External_Id__c}), for tools that check field names without a connection.
 */
public final class StandardFields {

    private static final SchemaRegistry SCHEMAS = new SchemaRegistry();

    /** One field: its API name and whether a create or an update may set it. */
    public record Field(String name, boolean writable) {}

    private StandardFields() {}

    /** The fields of {@code sObject}, or empty when the emulator does not know the object. */
    public static Optional<List<Field>> of(String sObject) {
        return Optional.ofNullable(SCHEMAS.find(sObject)).map(schema -> schema.fields().stream()
                .map(f -> new Field(f.name(), f.createable() || f.updateable()))
                .toList());
    }
}
