package io.provisioning.bulk;

import io.provisioning.support.Settings;
import java.nio.file.Path;
import java.time.Duration;

/** The {@code provisioning.inbox.*} settings the bulk beans use (the routes read their poll intervals themselves). */
public record InboxSettings(
        Path folder, long maxFileBytes, Duration minAge, int chunkSize, Duration logInterval, Duration lease) {

    public static InboxSettings read(Settings settings) {
        return new InboxSettings(
                Path.of(settings.require("provisioning.inbox")),
                settings.getLong("provisioning.inbox.max-file-bytes"),
                settings.millis("provisioning.inbox.min-age-ms"),
                settings.getPositiveInt("provisioning.inbox.chunk-size"),
                settings.seconds("provisioning.inbox.log-interval-seconds"),
                settings.seconds("provisioning.inbox.lease-seconds"));
    }
}
