package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The integration user's field-level security, restricted by a test through {@code /emulator/field-permissions}:
 * by default every field is editable (a System Administrator); {@code READ} leaves a field visible but neither
 * createable nor updateable, {@code NONE} hides it, as an org's profile or permission set would.
 */
final class FieldPermissions {
    enum Access {
        EDIT,
        READ,
        NONE
    }

    private final Map<String, Access> restricted = new ConcurrentHashMap<>();

    Access access(String object, String field) {
        return restricted.getOrDefault(key(object, field), Access.EDIT);
    }

    void set(String object, String field, Access access) {
        if (access == Access.EDIT) {
            restricted.remove(key(object, field));
        } else {
            restricted.put(key(object, field), access);
        }
    }

    void clear() {
        restricted.clear();
    }

    ObjectNode toJson() {
        ObjectNode node = Json.object();
        restricted.forEach((k, v) -> node.put(k, v.name()));
        return node;
    }

    private static String key(String object, String field) {
        return object.toLowerCase(Locale.ROOT) + "." + field.toLowerCase(Locale.ROOT);
    }
}
