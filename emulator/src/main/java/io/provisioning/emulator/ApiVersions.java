package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API versions an org answers in December 2026: 31.0 (Summer '14) to 68.0 (Winter '27). Versions 21.0 to
 * 30.0 were retired in Summer '25 and 7.0 to 20.0 in Summer '22: a retired version answers 410 GONE, a version that
 * never existed (or is not released yet) 404.
 */
final class ApiVersions {
    static final int OLDEST = 31;
    static final int LATEST = 68;
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.0");
    private static final String[] SEASONS = {"Winter", "Spring", "Summer"};

    enum Status {
        SUPPORTED,
        RETIRED,
        UNKNOWN
    }

    private ApiVersions() {}

    /** @param segment the path segment, e.g. {@code v65.0} */
    static Status status(String segment) {
        Matcher m = VERSION.matcher(segment);
        if (!m.matches() || m.group(1).length() > 3) {
            return Status.UNKNOWN;
        }
        int major = Integer.parseInt(m.group(1));
        if (major >= OLDEST && major <= LATEST) {
            return Status.SUPPORTED;
        }
        return major >= 7 && major < OLDEST ? Status.RETIRED : Status.UNKNOWN;
    }

    /** {@code GET /services/data}: oldest first, as an org lists them. */
    static ArrayNode list() {
        ArrayNode list = Json.array();
        for (int v = OLDEST; v <= LATEST; v++) {
            list.addObject()
                    .put("label", label(v))
                    .put("url", "/services/data/v" + v + ".0")
                    .put("version", v + ".0");
        }
        return list;
    }

    /** 20.0 was Winter '11; three releases a year since. */
    static String label(int major) {
        int n = major - 20;
        return SEASONS[n % 3] + " '" + (11 + n / 3);
    }
}
