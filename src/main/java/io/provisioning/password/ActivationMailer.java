package io.provisioning.password;

import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.directory.UserNotFoundException;
import io.provisioning.support.ExchangeKeys;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java side of the {@code mail-activation} route: builds one queued mail (a fresh reset link, the template filled
 * with the user's attributes), and records the outcome on the queue, the token, the user's activation state and in
 * the exchange properties its report row is built from.
 */
public class ActivationMailer {

    public static final String REPORT_APPLICATION = "mail";
    static final String ITEM = "mailItem";
    static final String TOKEN_HASH = "resetTokenHash";
    private static final Logger LOG = LoggerFactory.getLogger(ActivationMailer.class);
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final UserDirectory directory;
    private final ResetTokens tokens;
    private final MailQueue queue;
    private final ActivationStates states;
    private final Map<String, MailTemplate> templates;
    private final MailSettings settings;

    /** @param templates the template of each mail kind ({@link MailItem#ACTIVATION}, {@link MailItem#RESET}) */
    public ActivationMailer(
            UserDirectory directory,
            ResetTokens tokens,
            MailQueue queue,
            ActivationStates states,
            Map<String, MailTemplate> templates,
            MailSettings settings) {
        this.directory = directory;
        this.tokens = tokens;
        this.queue = queue;
        this.states = states;
        this.templates = Map.copyOf(templates);
        this.settings = settings;
    }

    /** Body: a {@link MailItem}. Afterwards: the HTML part, the plain-text part as alternative, the mail headers. */
    public void prepare(Exchange exchange) throws AddressException {
        MailItem item = exchange.getMessage().getBody(MailItem.class);
        exchange.setProperty(ITEM, item);
        // shared by every attempt of this mail, in its report rows and log lines
        exchange.setProperty(ExchangeKeys.REQUEST_ID, "mail-" + item.id());
        exchange.setProperty(ExchangeKeys.STARTED_AT, System.nanoTime());
        exchange.setProperty(ExchangeKeys.APPLICATION, REPORT_APPLICATION);
        exchange.setProperty(ExchangeKeys.OPERATION, operation(item));
        exchange.setProperty(ExchangeKeys.SOURCE, item.source());
        exchange.setProperty(ExchangeKeys.ATTEMPT, item.attempts() + 1);
        exchange.setProperty(ExchangeKeys.USER_ID, item.userId());
        exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, item.userId());
        User user = directory.get(item.userId());
        exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, user.userName());
        if (!user.active() || user.email() == null) {
            throw new MailNotSendableException(
                    user.active() ? "The user has no e-mail address" : "The user is inactive");
        }
        InternetAddress to = new InternetAddress(user.email(), true);
        ResetTokens.Issued issued = tokens.issue(user.id());
        exchange.setProperty(TOKEN_HASH, issued.hash());
        String subject = settings.subject(item.kind());
        MailTemplate.Rendered mail = templates.get(item.kind()).render(values(user, issued, subject));
        var message = exchange.getMessage();
        // Only these headers: camel-mail turns every message header into a mail header.
        message.removeHeaders("*");
        message.setHeader("To", to.getAddress());
        message.setHeader("From", settings.from());
        message.setHeader("Subject", subject);
        message.setHeader("CamelMailAlternativeBody", mail.text());
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
        message.setBody(mail.html());
    }

    private Map<String, Object> values(User user, ResetTokens.Issued issued, String subject) {
        Map<String, Object> values = new HashMap<>();
        // the user's attributes are someone else's input: no line breaks, no link-looking text (see MailValues)
        if (user.customAttributes() != null) {
            user.customAttributes().forEach((name, value) -> values.put(name, MailValues.neutral(value)));
        }
        for (String name : new String[] {"id", "userName", "email", "firstName", "lastName", "company"}) {
            values.put(name, MailValues.neutral(user.attribute(name)));
        }
        values.put("link", settings.resetUrl() + "?token=" + issued.token());
        values.put("expiresAt", EXPIRY.format(issued.expiresAt()));
        values.put("subject", subject);
        return values;
    }

    public void sent(Exchange exchange) {
        MailItem item = exchange.getProperty(ITEM, MailItem.class);
        tokens.activate(exchange.getProperty(TOKEN_HASH, String.class), item.userId());
        queue.sent(item.id());
        if (MailItem.ACTIVATION.equals(item.kind())) {
            states.set(item.userId(), ActivationStates.INVITED, null);
        }
        clear(exchange);
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, "success");
    }

    /** Called by the error handler: retried while the SMTP server may take it later, otherwise failed for good. */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        MailItem item = exchange.getProperty(ITEM, MailItem.class);
        String hash = exchange.getProperty(TOKEN_HASH, String.class);
        if (hash != null) {
            tokens.discard(hash);
        }
        clear(exchange);
        boolean permanent = cause instanceof MailNotSendableException
                || cause instanceof UserNotFoundException
                || cause instanceof AddressException;
        int attempts = item.attempts() + 1;
        String message = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        boolean activation = MailItem.ACTIVATION.equals(item.kind());
        if (!permanent && attempts < settings.maxAttempts()) {
            var delay = settings.delayAfter(attempts);
            LOG.warn(
                    "{} mail to user {} not sent (attempt {}), retrying in {} ms: {}",
                    item.kind(),
                    item.userId(),
                    attempts,
                    delay.toMillis(),
                    message);
            queue.retryLater(item.id(), delay, message);
            if (activation) {
                states.set(item.userId(), ActivationStates.MAIL_PENDING, null);
            }
            report(exchange, "retrying", "MAIL_NOT_SENT", message);
        } else {
            LOG.warn(
                    "{} mail to user {} failed for good after {} attempt(s): {}",
                    item.kind(),
                    item.userId(),
                    attempts,
                    message);
            queue.failed(item.id(), message);
            if (activation && !(cause instanceof UserNotFoundException)) {
                states.set(item.userId(), ActivationStates.FAILED, "Activation mail not sent: " + message);
            }
            report(exchange, "failure", permanent ? "MAIL_NOT_SENDABLE" : "MAIL_NOT_SENT", message);
        }
    }

    private static String operation(MailItem item) {
        return MailItem.RESET.equals(item.kind()) ? "reset-mail" : "activation-mail";
    }

    private static void clear(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
    }

    private static void report(Exchange exchange, String status, String code, String message) {
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, status);
        exchange.setProperty(ExchangeKeys.ERROR_CODE, code);
        exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, message);
    }
}
