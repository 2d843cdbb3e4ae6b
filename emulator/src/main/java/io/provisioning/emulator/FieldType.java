package io.provisioning.emulator;

/** The field types the emulator knows, with their describe names. */
enum FieldType {
    ID("id"),
    STRING("string"),
    EMAIL("email"),
    PHONE("phone"),
    PICKLIST("picklist"),
    TEXTAREA("textarea"),
    URL("url"),
    BOOLEAN("boolean"),
    DATETIME("datetime"),
    REFERENCE("reference"),
    INT("int");

    private final String describeName;

    FieldType(String describeName) {
        this.describeName = describeName;
    }

    String describeName() {
        return describeName;
    }

    boolean isText() {
        return this == STRING || this == EMAIL || this == PHONE || this == PICKLIST || this == TEXTAREA || this == URL;
    }

    boolean isId() {
        return this == ID || this == REFERENCE;
    }
}
