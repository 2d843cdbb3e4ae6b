package io.provisioning.support;

import java.util.regex.Pattern;

/**
 * Masks credentials in text that leaves the bundle (logs, the open health answer, start-up errors): driver and broker
 * messages quote connection URLs, which may carry a password or token.
 */
public final class Redaction {

    private static final Pattern KEY_VALUE = Pattern.compile("(?i)\\b(password|passwd|pwd|secret|token|access_token)=[^;&\\s,)\"']*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]+):[^@/\\s]+@");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return USER_INFO.matcher(KEY_VALUE.matcher(text).replaceAll("$1=***")).replaceAll("$1:***@");
    }
}
