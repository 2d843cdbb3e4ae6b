package io.provisioning.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The embedded mail server (GreenMail) used when no SMTP host or no inbox host is configured: SMTP and IMAP on
 * 127.0.0.1 (port 0 = any free port). Every mail sent to it lands in the recipient's mailbox, readable over IMAP and
 * in the mail viewer.
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;

    public EmbeddedMailServer(int smtpPort, int imapPort) {
        greenMail = new GreenMail(new ServerSetup[] {setup(smtpPort, ServerSetup.PROTOCOL_SMTP),
                setup(imapPort, ServerSetup.PROTOCOL_IMAP)});
    }

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, HOST, protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    public void start() {
        greenMail.start();
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
