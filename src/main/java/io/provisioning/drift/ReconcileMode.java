package io.provisioning.drift;

import io.provisioning.requests.FieldError;
import io.provisioning.requests.InvalidRequestException;
import java.util.List;
import java.util.Locale;

/** {@code report}: drift and missing records become report rows; {@code repair}: their repair is queued too. */
public enum ReconcileMode {
    REPORT,
    REPAIR;

    public static ReconcileMode parse(String mode) {
        if (mode == null || mode.isBlank()) {
            return REPORT;
        }
        try {
            return valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "Invalid reconcile mode", List.of(new FieldError("mode", "must be report or repair")));
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
