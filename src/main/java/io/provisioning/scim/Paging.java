package io.provisioning.scim;

/**
 * {@code startIndex} (1-based; below 1 counts as 1) and {@code count} (negative counts as 0, above the maximum is
 * clamped to it; absent = the default) of a list request, RFC 7644 §3.4.2.4.
 */
public record Paging(int startIndex, int count) {

    public static Paging of(String startIndex, String count, int defaultCount, int maxCount) {
        int start = Math.max(1, number(startIndex, 1, "startIndex"));
        int size = Math.min(maxCount, Math.max(0, number(count, defaultCount, "count")));
        return new Paging(start, size);
    }

    public int offset() {
        return startIndex - 1;
    }

    private static int number(String text, int fallback, String name) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("'" + name + "' must be an integer");
        }
    }
}
