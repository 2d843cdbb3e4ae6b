package io.provisioning.salesforce;

import io.provisioning.support.Settings;
import java.util.Collection;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Bulk API 2.0 (issue 18, {@code provisioning.bulk-api.*}): size limits of one ingest job, the shortest wait between
 * two looks at a running job, and per application ({@code provisioning.application.<app>.bulk-api.threshold}) how
 * much waiting work or how many imported records make a job.
 */
public record BulkApiSettings(
        int maxRecordsPerJob, long maxUploadBytes, long pollIntervalMs, Map<String, Long> thresholds) {

    public static BulkApiSettings read(Settings settings, Collection<String> applications) {
        return new BulkApiSettings(
                settings.getPositiveInt("provisioning.bulk-api.max-records-per-job"),
                settings.getLong("provisioning.bulk-api.max-upload-bytes"),
                settings.getLong("provisioning.bulk-api.poll-interval-ms"),
                applications.stream()
                        .collect(Collectors.toUnmodifiableMap(
                                app -> app,
                                app -> settings.getLong("provisioning.application." + app + ".bulk-api.threshold"))));
    }

    /** An application's threshold; 0 = never through Bulk API 2.0. */
    ToLongFunction<String> threshold() {
        return app -> thresholds.getOrDefault(app, 0L);
    }
}
