package io.provisioning.password;

import java.util.regex.Pattern;

/**
 * A user's attribute made safe to put in a mail: the attribute comes from HR files, queues and identity providers,
 * the mail from us. Line breaks and other control or invisible formatting characters (bidi overrides, zero-width)
 * are dropped, so a name cannot add lines or reorder the text around it in the plain-text part; and link-looking
 * text ({@code https://…}, {@code www.…}) is defanged ({@code https[:]//…}, {@code www[.]…}), so mail clients do
 * not turn a name into a link next to the real one.
 */
final class MailValues {

    private static final Pattern SCHEME = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*):(//|\\\\\\\\)");
    private static final Pattern WWW = Pattern.compile("(?i)\\bwww\\.");

    private MailValues() {}

    static String neutral(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean invisible = type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE
                    || type == Character.UNASSIGNED;
            if (!invisible) {
                kept.appendCodePoint(c);
            } else if (c == '\t' || c == '\n' || c == '\r') {
                kept.append(' ');
            }
        });
        String defanged = SCHEME.matcher(kept.toString()).replaceAll("$1[:]$2");
        return WWW.matcher(defanged).replaceAll(m -> m.group().substring(0, 3) + "[.]");
    }
}
