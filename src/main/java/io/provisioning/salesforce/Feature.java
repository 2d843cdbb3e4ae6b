package io.provisioning.salesforce;

import java.util.Locale;

/** The switches an administrator turns on per application, as in the guide. */
public enum Feature {
    IMPORT("Import User"),
    CREATE("Create User"),
    EDIT("Edit User"),
    DELETE("Delete User"),
    PASSWORD_SYNC("Password Sync");

    private final String label;

    Feature(String label) {
        this.label = label;
    }

    /** The switch's name in the admin guide. */
    public String label() {
        return label;
    }

    /**
     * The name used in settings: {@code import}, {@code create}, {@code edit}, {@code delete}, {@code password-sync}.
     */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
