package io.provisioning.testsupport;

import io.provisioning.support.EmbeddedMailServer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import org.apache.camel.CamelContext;

/** The mails a test bundle's embedded mail server captured. */
public final class CapturedMail {

    private CapturedMail() {}

    /** The mails to this address (case-insensitive), oldest first. */
    public static MimeMessage[] to(CamelContext context, String address) {
        var server = context.getRegistry()
                .lookupByNameAndType("embeddedMailServer", EmbeddedMailServer.class)
                .greenMail();
        return Arrays.stream(server.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().equalsIgnoreCase(address));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toArray(MimeMessage[]::new);
    }

    /** The text of the mail's part of this type ({@code text/plain}, {@code text/html}). */
    public static String part(MimeMessage mail, String type) throws Exception {
        Multipart multipart = (Multipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType(type)) {
                return String.valueOf(multipart.getBodyPart(i).getContent());
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
