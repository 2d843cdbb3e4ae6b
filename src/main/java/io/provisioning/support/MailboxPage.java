package io.provisioning.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The local mail viewer of the embedded mail server. {@code GET /mailbox} is the page: like the report page it holds
 * no mail and needs no token to load ({@link TokenPage}); it asks for the API token and fetches
 * {@code GET /api/mailbox} (the captured mails, newest first, with their links) with it. Both answer 404 when a real
 * SMTP server sends the mail, since the embedded one then captures no activation mail.
 */
public class MailboxPage {

    static final String RESOURCE = "mailbox/mailbox-page.html";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    private final EmbeddedMailServer server;
    private final TokenPage page = new TokenPage(RESOURCE);

    /** @param server null when mail goes to a real SMTP server */
    public MailboxPage(EmbeddedMailServer server) {
        this.server = server;
    }

    /** {@code GET /mailbox}: the page shell. */
    public String html(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        if (server == null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
            exchange.getMessage().setHeader("Cache-Control", "no-store");
            return "No embedded mail server: mail goes to the configured SMTP server.";
        }
        return page.render(exchange);
    }

    /** {@code GET /api/mailbox} (behind the token): {@code {"count":n,"mails":[{sent,to,subject,links}]}}. */
    public Map<String, Object> mails(Exchange exchange) throws Exception {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        Map<String, Object> body = new LinkedHashMap<>();
        if (server == null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            body.put("error", "not_found");
            body.put("message", "No embedded mail server: mail goes to the configured SMTP server");
            return body;
        }
        MimeMessage[] messages = server.greenMail().getReceivedMessages();
        List<Map<String, Object>> mails = new ArrayList<>();
        for (int i = messages.length - 1; i >= 0; i--) {
            MimeMessage message = messages[i];
            Map<String, Object> mail = new LinkedHashMap<>();
            mail.put(
                    "sent",
                    message.getSentDate() == null
                            ? null
                            : message.getSentDate().toInstant().toString());
            mail.put("to", addresses(message));
            mail.put("subject", message.getSubject());
            List<String> links = new ArrayList<>();
            Matcher matcher = LINK.matcher(text(message));
            while (matcher.find()) {
                links.add(matcher.group());
            }
            mail.put("links", links);
            mails.add(mail);
        }
        body.put("count", messages.length);
        body.put("mails", mails);
        return body;
    }

    private static List<String> addresses(MimeMessage message) throws Exception {
        List<String> to = new ArrayList<>();
        if (message.getAllRecipients() != null) {
            for (var address : message.getAllRecipients()) {
                to.add(address.toString());
            }
        }
        return to;
    }

    /** The plain-text part (or the whole text) of a message. */
    static String text(Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child.isMimeType("text/plain") || child.getContent() instanceof Multipart) {
                    text.append(text(child));
                }
            }
            return text.toString();
        }
        return "";
    }
}
