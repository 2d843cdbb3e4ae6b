package io.provisioning.support;

import java.util.regex.Pattern;

/**
 * Masks credentials in text that leaves the bundle (logs, the open health answer, start-up errors): driver and broker
 * messages quote connection URLs, which may carry a password or token; HTTP and OAuth errors quote form fields,
 * JSON bodies and Authorization headers.
 */
public final class Redaction {

    /**
     * Names whose value is a credential, as a key=value pair or a JSON member ({@code client_secret}, {@code
     * apiToken}…).
     */
    private static final String SECRET_NAME = "[\\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|credentials?)";

    private static final Pattern KEY_VALUE = Pattern.compile("(?i)\\b(" + SECRET_NAME + ")=[^;&\\s,)\"']*");
    private static final Pattern JSON_MEMBER =
            Pattern.compile("(?i)(\"" + SECRET_NAME + "\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]+):[^@/\\s]+@");

    private Redaction() {}

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = KEY_VALUE.matcher(text).replaceAll("$1=***");
        masked = JSON_MEMBER.matcher(masked).replaceAll("$1\"***\"");
        masked = AUTH_SCHEME.matcher(masked).replaceAll("$1 ***");
        return USER_INFO.matcher(masked).replaceAll("$1:***@");
    }
}
