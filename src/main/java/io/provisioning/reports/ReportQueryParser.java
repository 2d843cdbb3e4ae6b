package io.provisioning.reports;

import io.provisioning.requests.FieldError;
import io.provisioning.requests.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the report filters from request parameters, or rejects them with every field error at once: identifier,
 * application, operation, status (exact), from/to (ISO-8601 instants, or {@code from=last24h|last7d|last30d}),
 * page (from 1), size (up to the configured maximum), bucket ({@code hour|day}, for the histogram).
 */
public class ReportQueryParser {

    static final Map<String, Duration> PRESETS =
            Map.of("last24h", Duration.ofHours(24), "last7d", Duration.ofDays(7), "last30d", Duration.ofDays(30));
    static final Duration DEFAULT_SPAN = Duration.ofDays(7);
    static final int MAX_BUCKETS = 1_000;

    private final Clock clock;
    private final int defaultSize;
    private final int maxSize;

    public ReportQueryParser(Clock clock, int defaultSize, int maxSize) {
        this.clock = clock;
        this.defaultSize = defaultSize;
        this.maxSize = maxSize;
    }

    /** @param param a request parameter by name, null when absent */
    public ReportQuery parse(Function<String, String> param) {
        List<FieldError> errors = new ArrayList<>();
        String identifier = text(param, "identifier", 255, errors);
        String application = text(param, "application", 64, errors);
        String operation = oneOf(param, "operation", ReportQuery.OPERATIONS, errors);
        String status = oneOf(param, "status", ReportQuery.STATUSES, errors);
        Instant now = clock.instant();
        Instant to = instant(param, "to", errors);
        Instant from = null;
        String fromText = blankToNull(param.apply("from"));
        if (fromText != null && PRESETS.containsKey(fromText.toLowerCase(Locale.ROOT))) {
            if (to != null) {
                errors.add(new FieldError("to", "cannot be combined with the preset span " + fromText));
            }
            to = now;
            from = now.minus(PRESETS.get(fromText.toLowerCase(Locale.ROOT)));
        } else {
            from = instant(param, "from", errors);
        }
        if (to == null) {
            to = now;
        }
        if (from == null) {
            from = to.minus(DEFAULT_SPAN);
        }
        if (from.isAfter(to)) {
            errors.add(new FieldError("from", "must not be after to"));
        }
        int page = number(param, "page", 1, 1, Integer.MAX_VALUE, errors);
        int size = number(param, "size", defaultSize, 1, maxSize, errors);
        ReportQuery.Bucket bucket = bucket(param, errors);
        if (bucket != null && Duration.between(from, to).getSeconds() / bucket.seconds() > MAX_BUCKETS) {
            errors.add(new FieldError(
                    "bucket",
                    "the span has more than " + MAX_BUCKETS + " "
                            + bucket.name().toLowerCase(Locale.ROOT) + "s; choose a shorter span or bucket=day"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The report filters are not valid", errors);
        }
        return new ReportQuery(identifier, application, operation, status, from, to, page, size, bucket);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String text(Function<String, String> param, String name, int maxLength, List<FieldError> errors) {
        String value = blankToNull(param.apply(name));
        if (value != null && value.length() > maxLength) {
            errors.add(new FieldError(name, "must be at most " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    private static String oneOf(
            Function<String, String> param,
            String name,
            java.util.Collection<String> allowed,
            List<FieldError> errors) {
        String value = blankToNull(param.apply(name));
        if (value == null) {
            return null;
        }
        String normalized = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalized)) {
            errors.add(new FieldError(
                    name, "must be one of " + allowed.stream().sorted().toList()));
            return null;
        }
        return normalized;
    }

    private static Instant instant(Function<String, String> param, String name, List<FieldError> errors) {
        String value = blankToNull(param.apply(name));
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(
                    name,
                    "must be an ISO-8601 instant such as 2025-01-31T09:00:00Z"
                            + ("from".equals(name)
                                    ? " or one of "
                                            + PRESETS.keySet().stream().sorted().toList()
                                    : "")));
            return null;
        }
    }

    private static int number(
            Function<String, String> param, String name, int defaultValue, int min, int max, List<FieldError> errors) {
        String value = blankToNull(param.apply(name));
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(
                name, "must be a whole number from " + min + (max == Integer.MAX_VALUE ? "" : " to " + max)));
        return defaultValue;
    }

    private static ReportQuery.Bucket bucket(Function<String, String> param, List<FieldError> errors) {
        String value = blankToNull(param.apply("bucket"));
        if (value == null) {
            return null;
        }
        try {
            return ReportQuery.Bucket.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("bucket", "must be hour or day"));
            return null;
        }
    }
}
