package io.provisioning.salesforce;

import java.util.Locale;

/** The switches an administrator turns on per application, as in the guide. */
public enum Feature {
    IMPORT, CREATE, EDIT, DELETE, PASSWORD_SYNC;

    /** The name used in settings: {@code import}, {@code create}, {@code edit}, {@code delete}, {@code password-sync}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
