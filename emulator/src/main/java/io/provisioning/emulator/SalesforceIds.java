package io.provisioning.emulator;

/** Salesforce record id rules: 15-char ids, the 3-char case-checksum suffix, validation. */
final class SalesforceIds {
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceIds() {}

    /** Appends the case-checksum suffix to a 15-char id. */
    static String to18(String id15) {
        if (id15.length() != 15) {
            throw new IllegalArgumentException("not a 15-char id: " + id15);
        }
        StringBuilder sb = new StringBuilder(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            sb.append(SUFFIX_CHARS.charAt(bits));
        }
        return sb.toString();
    }

    /** Returns the 18-char form of a valid 15- or 18-char id, or null when the text is not a valid id. */
    static String normalize(String id) {
        if (id == null || (id.length() != 15 && id.length() != 18)) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return null;
            }
        }
        String full = to18(id.substring(0, 15));
        if (id.length() == 18 && !full.substring(15).equalsIgnoreCase(id.substring(15))) {
            return null;
        }
        return full;
    }

    static boolean hasPrefix(String id18, String keyPrefix) {
        return id18 != null && id18.startsWith(keyPrefix);
    }
}
