package io.provisioning.password;

import java.time.Duration;

/**
 * How mails are sent: sender, subjects per kind, the reset page's address, and the retries while SMTP is down
 * (exponential back-off from {@code initialDelay} up to {@code maxDelay}, at most {@code maxAttempts} attempts).
 */
public record MailSettings(
        String from,
        String activationSubject,
        String resetSubject,
        String resetUrl,
        int maxAttempts,
        Duration initialDelay,
        Duration maxDelay) {

    public String subject(String kind) {
        return MailItem.RESET.equals(kind) ? resetSubject : activationSubject;
    }

    public Duration delayAfter(int attempts) {
        long millis = initialDelay.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
