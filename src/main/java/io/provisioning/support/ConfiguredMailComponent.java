package io.provisioning.support;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.Endpoint;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;

/**
 * A camel-mail component bound to one mail server from the settings, so routes name it by purpose
 * ({@code mail-outbound:activation}) and never carry host or credentials in their URIs.
 */
public class ConfiguredMailComponent extends MailComponent {

    /** The component sending mail (SMTP). */
    public static final String OUTBOUND = "mail-outbound";
    /** The component reading the reset inbox (IMAP or POP3). */
    public static final String INBOUND = "mail-inbound";

    private final MailServer server;

    public ConfiguredMailComponent(MailServer server, long timeoutMs) {
        this.server = server;
        MailConfiguration configuration = new MailConfiguration();
        configuration.setIgnoreUriScheme(true);
        configuration.configureProtocol(server.protocol());
        configuration.setHost(server.host());
        configuration.setPort(server.port());
        if (server.user() != null) {
            configuration.setUsername(server.user());
        }
        if (server.password() != null) {
            configuration.setPassword(server.password());
        }
        configuration.setConnectionTimeout((int) timeoutMs);
        Properties extra = new Properties();
        String prefix = "mail." + server.protocol() + ".";
        extra.setProperty(prefix + "timeout", String.valueOf(timeoutMs));
        extra.setProperty(prefix + "writetimeout", String.valueOf(timeoutMs));
        if (server.startTls()) {
            extra.setProperty(prefix + "starttls.enable", "true");
            extra.setProperty(prefix + "starttls.required", "true");
        }
        configuration.setAdditionalJavaMailProperties(extra);
        setConfiguration(configuration);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        // The part after the component name only names the purpose; the server comes from the configuration.
        return super.createEndpoint(
                server.protocol() + "://" + server.host() + ":" + server.port() + "/" + remaining,
                remaining,
                parameters);
    }
}
