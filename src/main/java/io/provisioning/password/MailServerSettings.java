package io.provisioning.password;

import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where mail goes and comes from ({@code provisioning.mail.*} servers): the SMTP server (empty host = the embedded
 * one), the reset inbox (empty host = the embedded one) and the embedded server's ports. Read whole, checked where
 * a host is set.
 */
public record MailServerSettings(
        Optional<String> smtpHost,
        int smtpPort,
        String tls,
        Optional<String> smtpUser,
        Optional<String> smtpPassword,
        Duration timeout,
        int embeddedSmtpPort,
        int embeddedImapPort,
        Optional<String> inboxHost,
        String inboxProtocol,
        int inboxPort,
        String inboxUser,
        Optional<String> inboxPassword,
        boolean inboxStarttls) {

    public static MailServerSettings read(Settings settings) {
        var read = new MailServerSettings(
                settings.find("provisioning.mail.host"),
                settings.getInt("provisioning.mail.port"),
                settings.get("provisioning.mail.tls").toLowerCase(Locale.ROOT),
                settings.find("provisioning.mail.user"),
                settings.find("provisioning.mail.password"),
                settings.millis("provisioning.mail.timeout-ms"),
                settings.getInt("provisioning.mail.embedded.smtp-port"),
                settings.getInt("provisioning.mail.embedded.imap-port"),
                settings.find("provisioning.mail.inbox.host"),
                settings.get("provisioning.mail.inbox.protocol"),
                settings.getInt("provisioning.mail.inbox.port"),
                settings.get("provisioning.mail.inbox.user"),
                settings.find("provisioning.mail.inbox.password"),
                settings.getBoolean("provisioning.mail.inbox.starttls"));
        if (read.smtpHost().isPresent() && !List.of("none", "starttls", "ssl").contains(read.tls())) {
            throw new InvalidSettingException(
                    "provisioning.mail.tls",
                    "provisioning.mail.tls must be none, starttls or ssl, got '" + read.tls() + "'");
        }
        if (read.inboxHost().isPresent()
                && !List.of("imap", "imaps", "pop3", "pop3s").contains(read.inboxProtocol())) {
            throw new InvalidSettingException(
                    "provisioning.mail.inbox.protocol",
                    "provisioning.mail.inbox.protocol must be imap, imaps, pop3 or pop3s");
        }
        return read;
    }

    public boolean smtpEmbedded() {
        return smtpHost.isEmpty();
    }

    public boolean inboxEmbedded() {
        return inboxHost.isEmpty();
    }
}
