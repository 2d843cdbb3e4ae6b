package io.provisioning.observe;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's daily API request usage, as Salesforce reports it on every response: {@code Sforce-Limit-Info:
 * api-usage=N/M}.
 */
public record ApiUsage(long used, long max) {

    // not per-app-api-usage=…, which is one connected app's share
    private static final Pattern USAGE = Pattern.compile("(?:^|[;,\\s])api-usage=(\\d+)/(\\d+)");

    public static Optional<ApiUsage> parse(Object header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = USAGE.matcher(header.toString());
        return matcher.find()
                ? Optional.of(new ApiUsage(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))))
                : Optional.empty();
    }

    public long remaining() {
        return Math.max(0, max - used);
    }
}
