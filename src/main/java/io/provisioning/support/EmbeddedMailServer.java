package io.provisioning.support;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded mail server (GreenMail) used when no SMTP host or no inbox host is configured: SMTP and IMAP on
 * 127.0.0.1 (port 0 = any free port). Every mail sent to it lands in the recipient's mailbox, readable over IMAP and
 * in the mail viewer. A trial and test feature (see SECURITY.md): production sends through a real SMTP relay.
 * <p>
 * GreenMail creates a mailbox for every new recipient with the address as login and password; here each gets a
 * random password instead, so no local process can read another person's mail over IMAP.
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final long STARTUP_TIMEOUT_MS = 20_000;

    private final GreenMail greenMail;

    public EmbeddedMailServer(int smtpPort, int imapPort) {
        greenMail = new GreenMail(new ServerSetup[] {
            setup(smtpPort, ServerSetup.PROTOCOL_SMTP), setup(imapPort, ServerSetup.PROTOCOL_IMAP)
        });
    }

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, HOST, protocol);
        setup = port == 0 ? setup.dynamicPort() : setup;
        // GreenMail gives up after 2 s, which a busy machine misses: the start then fails for no real reason
        setup.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
        return setup;
    }

    public void start() {
        greenMail.start();
        var users = greenMail.getUserManager();
        users.setMessageDeliveryHandler((message, address) -> {
            GreenMailUser user = users.getUserByEmail(address.getEmail());
            return user != null ? user : users.createUser(address.getEmail(), address.getEmail(), generatedPassword());
        });
    }

    /** 192 random bits, URL-safe Base64. */
    public static String generatedPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Adds a mailbox that can be read over IMAP with this login. */
    public void addMailbox(String address, String login, String password) {
        greenMail.setUser(address, login, password);
    }

    public MailServer smtp() {
        return new MailServer("smtp", HOST, greenMail.getSmtp().getPort(), null, null, false);
    }

    public MailServer imap(String login, String password) {
        return new MailServer("imap", HOST, greenMail.getImap().getPort(), login, password, false);
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
