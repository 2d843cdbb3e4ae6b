package io.provisioning.support;

import java.time.Duration;
import java.util.Optional;

/** The directory database ({@code provisioning.db.*}): an empty URL means the embedded H2 file. */
public record DatabaseSettings(
        Optional<String> url,
        Optional<String> user,
        Optional<String> password,
        int poolSize,
        Duration connectTimeout,
        boolean embeddedAutoServer,
        Optional<String> schema) {

    public static DatabaseSettings read(Settings settings) {
        return new DatabaseSettings(
                settings.find("provisioning.db.url"),
                settings.find("provisioning.db.user"),
                settings.find("provisioning.db.password"),
                settings.getPositiveInt("provisioning.db.pool-size"),
                settings.millis("provisioning.db.connect-timeout-ms"),
                settings.getBoolean("provisioning.db.embedded.auto-server"),
                settings.find("provisioning.db.schema"));
    }
}
