package io.provisioning.directory;

import io.provisioning.support.Settings;
import java.time.Duration;

/**
 * The outbox worker's settings the beans use ({@code provisioning.outbox.*}; the routes read their poll settings
 * themselves) and how long finished work is kept ({@code provisioning.work.*}).
 */
public record OutboxSettings(
        Duration lease,
        int concurrency,
        int collectionSize,
        Duration collectionFillWait,
        Duration workRetention,
        int workRetentionBatchSize) {

    public static OutboxSettings read(Settings settings) {
        return new OutboxSettings(
                settings.seconds("provisioning.outbox.lease-seconds"),
                settings.getPositiveInt("provisioning.outbox.concurrency"),
                settings.getPositiveInt("provisioning.outbox.collection-size"),
                settings.millis("provisioning.outbox.collection-fill-wait-ms"),
                Duration.ofDays(settings.getInt("provisioning.work.retention-days")),
                settings.getPositiveInt("provisioning.work.retention.batch-size"));
    }
}
