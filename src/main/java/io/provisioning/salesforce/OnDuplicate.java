package io.provisioning.salesforce;

import io.provisioning.support.InvalidSettingException;
import java.util.Locale;

/**
 * What an application does when the org's duplicate rules refuse a create (DUPLICATES_DETECTED):
 * {@code on-duplicate} in its settings.
 */
public enum OnDuplicate {
    /** Adopt the one matched record: link the user to it, report it; several matches fail with their ids. */
    LINK,
    /** Create anyway: every create carries {@code Sforce-Duplicate-Rule-Header: allowSave=true}. */
    ALLOW,
    /** Fail for good, reporting the matched record ids. */
    FAIL;

    static OnDuplicate parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, key + " must be link, allow or fail, got '" + value + "'");
        }
    }
}
