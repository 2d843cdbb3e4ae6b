package io.provisioning.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;

/**
 * {@code GET /mailbox}: the local mail viewer of the embedded mail server, listing the captured mails (newest first)
 * with their links. Answers 404 when a real SMTP server is configured.
 */
public class MailboxPage {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    private final EmbeddedMailServer server;

    /** @param server null when mail goes to a real SMTP server */
    public MailboxPage(EmbeddedMailServer server) {
        this.server = server;
    }

    public String render(Exchange exchange) throws Exception {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        if (server == null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            return page("<p>No embedded mail server: mail goes to the configured SMTP server.</p>");
        }
        MimeMessage[] messages = server.greenMail().getReceivedMessages();
        StringBuilder rows = new StringBuilder();
        for (int i = messages.length - 1; i >= 0; i--) {
            MimeMessage message = messages[i];
            String text = text(message);
            rows.append("<tr><td>").append(Html.escape(message.getSentDate())).append("</td><td>")
                    .append(Html.escape(String.join(", ", addresses(message)))).append("</td><td>")
                    .append(Html.escape(message.getSubject())).append("</td><td>");
            Matcher links = LINK.matcher(text);
            while (links.find()) {
                String link = Html.escape(links.group());
                rows.append("<a href=\"").append(link).append("\">").append(link).append("</a><br>");
            }
            rows.append("</td></tr>");
        }
        return page("<p>" + messages.length + " mail(s) captured by the embedded mail server.</p>"
                + "<table><thead><tr><th>Sent</th><th>To</th><th>Subject</th><th>Links</th></tr></thead><tbody>"
                + rows + "</tbody></table>");
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

    private static String page(String content) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mailbox</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{border:1px solid #ccc;padding:.3em;text-align:left}"
                + "table{border-collapse:collapse}</style></head><body><main><h1>Mailbox (embedded mail server)</h1>"
                + content + "</main></body></html>";
    }
}
