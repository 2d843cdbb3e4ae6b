package io.provisioning.emulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Salesforce's datetime text form: {@code 2011-07-07T00:37:00.000+0000}, always UTC. */
final class SfTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private SfTime() {}

    static String now() {
        return format(Instant.now());
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Parses a SOQL date or datetime literal (2024-01-31, 2024-01-31T10:00:00Z, ...+01:00) into the stored form. */
    static String fromLiteral(String literal) {
        if (literal.length() == 10) {
            return format(LocalDate.parse(literal).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        return format(OffsetDateTime.parse(literal).toInstant());
    }
}
