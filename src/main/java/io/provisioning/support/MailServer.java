package io.provisioning.support;

/**
 * Where a mail component connects: protocol ({@code smtp}, {@code smtps}, {@code imap}, {@code imaps}, {@code pop3},
 * {@code pop3s}), host, port, credentials (null when none), and whether STARTTLS is required.
 */
public record MailServer(String protocol, String host, int port, String user, String password, boolean startTls) {

    @Override
    public String toString() {
        // Never the password.
        return protocol + "://" + host + ":" + port + (startTls ? " (STARTTLS)" : "");
    }
}
