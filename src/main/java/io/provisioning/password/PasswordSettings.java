package io.provisioning.password;

import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password-sync settings: mail servers, how mails are sent, templates, reset links and page, the password rule
 * (NIST 800-63B: lengths and guessability only; a minimum below the bundle's least is raised, with a warning).
 */
public record PasswordSettings(
        MailServerSettings servers,
        MailSettings mail,
        String activationTemplate,
        String resetTemplate,
        Duration mailLease,
        int maxResetRequestsPerHour,
        Duration tokenTtl,
        int maxInvalidAttemptsPerMinute,
        Optional<String> formKey,
        PasswordRule rule,
        String httpPort) {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordSettings.class);

    public static PasswordSettings read(Settings settings) {
        return new PasswordSettings(
                MailServerSettings.read(settings),
                new MailSettings(
                        settings.get("provisioning.mail.from"),
                        settings.get("provisioning.mail.activation.subject"),
                        settings.get("provisioning.mail.reset.subject"),
                        settings.require("provisioning.password.reset-url"),
                        settings.getInt("provisioning.mail.retry.max-attempts"),
                        settings.millis("provisioning.mail.retry.initial-delay-ms"),
                        settings.millis("provisioning.mail.retry.max-delay-ms")),
                settings.get("provisioning.mail.activation.template"),
                settings.get("provisioning.mail.reset.template"),
                settings.seconds("provisioning.mail.lease-seconds"),
                settings.getInt("provisioning.mail.inbox.max-requests-per-hour"),
                tokenTtl(settings.get("provisioning.password.token-ttl")),
                settings.getInt("provisioning.password.max-invalid-attempts-per-minute"),
                settings.find("provisioning.password.form-key"),
                rule(settings),
                settings.get("provisioning.http.port"));
    }

    private static PasswordRule rule(Settings settings) {
        int minLength = settings.getInt("provisioning.password.min-length");
        if (minLength < PasswordRule.LEAST_MIN_LENGTH) {
            LOG.warn(
                    "provisioning.password.min-length={} is below {}: using {}",
                    minLength,
                    PasswordRule.LEAST_MIN_LENGTH,
                    PasswordRule.LEAST_MIN_LENGTH);
            minLength = PasswordRule.LEAST_MIN_LENGTH;
        }
        try {
            return new PasswordRule(
                    minLength,
                    settings.getInt("provisioning.password.max-length"),
                    settings.getInt("provisioning.password.min-score"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("provisioning.password.*: " + e.getMessage(), e);
        }
    }

    private static Duration tokenTtl(String value) {
        try {
            return duration(value);
        } catch (RuntimeException e) {
            throw new InvalidSettingException(
                    "provisioning.password.token-ttl",
                    "provisioning.password.token-ttl: durations look like 24h, 30m, 90s, 2d or PT24H, got '" + value
                            + "'");
        }
    }

    /** {@code 24h}, {@code 30m}, {@code 90s}, {@code 2d}, or ISO-8601 ({@code PT24H}). */
    static Duration duration(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalStateException(
                    "Durations look like 24h, 30m, 90s, 2d or PT24H, got '" + value + "'");
        };
    }
}
