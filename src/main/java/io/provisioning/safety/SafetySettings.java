package io.provisioning.safety;

import io.provisioning.support.Settings;
import java.time.Duration;

/**
 * One application's protections (issue 17), from {@code provisioning.application.<app>.*}.
 *
 * @param reservePercent share of the org's daily API requests left to its other integrations
 * @param recheckInterval how often a paused application's budget is checked with {@code /limits}
 * @param deletionThreshold deletions and deactivations let through per rolling hour
 * @param quarantinePercent share of permanent failures among recent writes that quarantines the application
 * @param quarantineMinOperations writes the window must hold before the share counts
 * @param quarantineWindow how far back the recent writes go
 */
public record SafetySettings(
        int reservePercent,
        Duration recheckInterval,
        int deletionThreshold,
        int quarantinePercent,
        int quarantineMinOperations,
        Duration quarantineWindow) {

    public static SafetySettings of(Settings settings, String application) {
        String prefix = "provisioning.application." + application + ".";
        return new SafetySettings(
                settings.getInt(prefix + "api-budget.reserve-percent", 10),
                Duration.ofMillis(settings.getLong(prefix + "api-budget.recheck-interval-ms", 300_000)),
                settings.getInt(prefix + "deletion-threshold", 500),
                settings.getInt(prefix + "quarantine.failure-percent", 50),
                settings.getInt(prefix + "quarantine.min-operations", 20),
                Duration.ofMillis(settings.getLong(prefix + "quarantine.window-ms", 600_000)));
    }

    /** The requests kept back of a daily allocation of {@code max}. */
    long reserve(long max) {
        return max * reservePercent / 100;
    }
}
