package io.provisioning.reports;

import io.provisioning.support.Settings;
import java.time.Duration;

/** The {@code provisioning.reports.*} settings the report beans use (the routes read their timers themselves). */
public record ReportSettings(int defaultPageSize, int maxPageSize, Duration retention, int retentionBatchSize) {

    public static ReportSettings read(Settings settings) {
        return new ReportSettings(
                settings.getPositiveInt("provisioning.reports.default-page-size"),
                settings.getPositiveInt("provisioning.reports.max-page-size"),
                Duration.ofDays(settings.getInt("provisioning.reports.retention-days")),
                settings.getPositiveInt("provisioning.reports.retention.batch-size"));
    }
}
