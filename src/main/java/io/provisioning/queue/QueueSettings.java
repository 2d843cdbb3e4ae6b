package io.provisioning.queue;

import io.provisioning.support.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * The broker and queue settings the queue beans use ({@code provisioning.broker.*}; the routes read their redelivery
 * and outcome-event settings themselves). An empty URL means the embedded broker on {@code host:port}; its user is
 * the configured one, else one generated into the data folder ({@link io.provisioning.support.BrokerCredentials}).
 */
public record QueueSettings(
        Optional<String> url,
        Optional<String> user,
        Optional<String> password,
        String host,
        int port,
        String queue,
        String deadLetterQueue,
        int consumers,
        Duration recoveryInterval,
        int maxMessageBytes,
        int maxRedeliveries,
        int maxDeliveryAttempts) {

    public static QueueSettings read(Settings settings) {
        return new QueueSettings(
                settings.find("provisioning.broker.url"),
                settings.find("provisioning.broker.user"),
                settings.find("provisioning.broker.password"),
                settings.get("provisioning.broker.host"),
                settings.getInt("provisioning.broker.port"),
                settings.require("provisioning.broker.queue"),
                settings.require("provisioning.broker.dead-letter-queue"),
                settings.getPositiveInt("provisioning.broker.consumers"),
                settings.millis("provisioning.broker.recovery-interval-ms"),
                settings.getPositiveInt("provisioning.broker.max-message-bytes"),
                settings.getInt("provisioning.broker.max-redeliveries"),
                settings.getInt("provisioning.broker.max-delivery-attempts"));
    }
}
