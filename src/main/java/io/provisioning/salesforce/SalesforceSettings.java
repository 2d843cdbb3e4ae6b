package io.provisioning.salesforce;

import io.provisioning.support.Settings;
import java.time.Duration;

/**
 * How the bundle calls Salesforce, for every application ({@code provisioning.salesforce.*} and
 * {@code provisioning.retry.*}); each application's own settings are {@link SalesforceApplications}.
 */
public record SalesforceSettings(
        long requestTimeoutMs, Duration loginFailurePause, Duration inDoubtClockMargin, RetryPolicy retry) {

    public static SalesforceSettings read(Settings settings) {
        return new SalesforceSettings(
                settings.getLong("provisioning.salesforce.request-timeout-ms"),
                settings.seconds("provisioning.salesforce.login-failure-pause-seconds"),
                settings.seconds("provisioning.salesforce.in-doubt.clock-margin-seconds"),
                new RetryPolicy(
                        settings.getPositiveInt("provisioning.retry.max-attempts"),
                        settings.millis("provisioning.retry.initial-delay-ms"),
                        settings.millis("provisioning.retry.max-delay-ms")));
    }
}
