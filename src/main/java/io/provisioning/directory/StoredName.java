package io.provisioning.directory;

import java.util.Locale;

/**
 * An enum stored, shown and reported as its lower-case name: the strings these columns held before they were enums,
 * so no stored value changed.
 */
public interface StoredName {

    String name();

    /** The stored and shown value. */
    default String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of a stored value. */
    static <E extends Enum<E>> E parse(Class<E> type, String db) {
        return Enum.valueOf(type, db.toUpperCase(Locale.ROOT));
    }
}
