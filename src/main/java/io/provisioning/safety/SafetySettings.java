package io.provisioning.safety;

import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One application's protections (issue 17), from {@code provisioning.application.<app>.*}.
 *
 * @param reservePercent share of the org's daily API requests left to its other integrations
 * @param resumeMarginPercent share above the reserve a paused application needs before it resumes (hysteresis)
 * @param recheckInterval how often a paused application's budget is checked with {@code /limits}
 * @param deletionThreshold deletions and deactivations let through per rolling hour
 * @param quarantinePercent share of permanent failures among recent writes that quarantines the application
 * @param quarantineMinOperations writes the window must hold before the share counts
 * @param quarantineWindow how far back the recent writes go
 */
public record SafetySettings(
        int reservePercent,
        int resumeMarginPercent,
        Duration recheckInterval,
        int deletionThreshold,
        int quarantinePercent,
        int quarantineMinOperations,
        Duration quarantineWindow) {

    /** Each application's protections, by name (defaults: provisioning.application.<app>.* in the packaged file). */
    public static Map<String, SafetySettings> read(Settings settings, List<String> applications) {
        Map<String, SafetySettings> perApplication = new LinkedHashMap<>();
        for (String application : applications) {
            String prefix = "provisioning.application." + application + ".";
            perApplication.put(
                    application,
                    new SafetySettings(
                            percent(settings, prefix + "api-budget.reserve-percent"),
                            percent(settings, prefix + "api-budget.resume-margin-percent"),
                            settings.millis(prefix + "api-budget.recheck-interval-ms"),
                            settings.getPositiveInt(prefix + "deletion-threshold"),
                            percent(settings, prefix + "quarantine.failure-percent"),
                            settings.getPositiveInt(prefix + "quarantine.min-operations"),
                            settings.millis(prefix + "quarantine.window-ms")));
        }
        return perApplication;
    }

    private static int percent(Settings settings, String key) {
        int value = settings.getInt(key);
        if (value < 0 || value > 100) {
            throw new InvalidSettingException(key, key + "=" + value + ": a percentage from 0 to 100");
        }
        return value;
    }

    /** The requests kept back of a daily allocation of {@code max}. */
    long reserve(long max) {
        return max * reservePercent / 100;
    }

    /** A paused application resumes only with more than this left of a daily allocation of {@code max}. */
    long resumeAbove(long max) {
        return reserve(max) + max * resumeMarginPercent / 100;
    }
}
