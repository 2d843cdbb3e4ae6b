package io.provisioning.observe;

import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.time.Duration;

/** The {@code provisioning.observe.*} settings: health check caching and time limits, outbox gauge caching. */
public record ObserveSettings(
        Duration healthCache,
        Duration checkTimeout,
        Duration salesforceLoginInterval,
        Duration outboxCache,
        boolean requireToken) {

    public static ObserveSettings read(Settings settings) {
        Duration checkTimeout = settings.millis("provisioning.observe.check-timeout-ms");
        if (checkTimeout.isNegative() || checkTimeout.isZero()) {
            throw new InvalidSettingException(
                    "provisioning.observe.check-timeout-ms",
                    "provisioning.observe.check-timeout-ms must be above 0, e.g. 2000");
        }
        return new ObserveSettings(
                settings.millis("provisioning.observe.health-cache-ms"),
                checkTimeout,
                settings.seconds("provisioning.observe.salesforce-login-interval-seconds"),
                settings.millis("provisioning.observe.outbox-cache-ms"),
                settings.getBoolean("provisioning.observe.require-token"));
    }
}
