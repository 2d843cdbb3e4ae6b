package io.provisioning.password;

import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mail to the reset inbox with the subject "reset password", from the registered address of a known, active user,
 * queues a reset link to that registered address, at most {@code perHour} per user and hour. Anything else is
 * dropped without an answer, so the inbox tells nobody which addresses are known.
 */
public class ResetRequestMail {

    static final String SUBJECT = "reset password";
    private static final Logger LOG = LoggerFactory.getLogger(ResetRequestMail.class);

    private final UserDirectory directory;
    private final MailQueue queue;
    private final int perHour;

    public ResetRequestMail(UserDirectory directory, MailQueue queue, int perHour) {
        this.directory = directory;
        this.queue = queue;
        this.perHour = perHour;
    }

    /** @return what was done: queued, ignored, or limited (for the log and tests; nobody is answered) */
    public String handle(Exchange exchange) {
        String subject = exchange.getMessage().getHeader("Subject", String.class);
        String from = exchange.getMessage().getHeader("From", String.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
        if (subject == null || !SUBJECT.equals(subject.trim().toLowerCase(Locale.ROOT))) {
            LOG.info("Reset inbox: ignored a mail whose subject is not \"{}\"", SUBJECT);
            return "ignored";
        }
        String sender = sender(from);
        User user = sender == null ? null : directory.findActiveByEmail(sender).orElse(null);
        if (user == null) {
            LOG.info("Reset inbox: ignored a reset request from an unknown or inactive sender");
            return "ignored";
        }
        if (queue.countSince(user.id(), MailItem.RESET, MailQueue.now().minus(Duration.ofHours(1))) >= perHour) {
            LOG.warn("Reset inbox: user {} asked for more than {} reset links in an hour; ignored", user.id(), perHour);
            return "limited";
        }
        queue.enqueue(List.of(user.id()), MailItem.RESET, "mail:reset-request");
        LOG.info("Reset inbox: reset link queued for user {}", user.id());
        return "queued";
    }

    /** The single sender address, or null when the From header is not exactly one valid address. */
    static String sender(String from) {
        if (from == null) {
            return null;
        }
        try {
            InternetAddress[] addresses = InternetAddress.parse(from, true);
            return addresses.length == 1 ? addresses[0].getAddress() : null;
        } catch (AddressException e) {
            return null;
        }
    }
}
