package io.provisioning.password;

import io.provisioning.api.ActivationMailResource;
import io.provisioning.api.UserListResource;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.UserDirectory;
import io.provisioning.salesforce.Feature;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.Closing;
import io.provisioning.support.ConfigFiles;
import io.provisioning.support.ConfiguredMailComponent;
import io.provisioning.support.EmbeddedMailServer;
import io.provisioning.support.MailServer;
import io.provisioning.support.MailboxPage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires password sync: the mail servers (the embedded one where no host is configured), the {@code mail-outbound}
 * and {@code mail-inbound} components, and the beans of the mail, reset page and inbox routes. Answers what other
 * features use: the mail queue (queue requests ask for activation mails) and the SMTP server (its health check).
 */
public final class PasswordFeature {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordFeature.class);

    private PasswordFeature() {}

    /** What password sync gives the other features. */
    public record Wired(MailQueue mailQueue, MailServer outboundMailServer) {}

    public static Wired wire(
            CamelContext context,
            PasswordSettings settings,
            DataSource dataSource,
            UserDirectory directory,
            ApplicationLinks links,
            Outbox outbox,
            SalesforceApplications applications)
            throws Exception {
        Registry registry = context.getRegistry();
        MailServerSettings servers = settings.servers();
        // the embedded reset inbox's IMAP password: configured, else a new random one each start (only we read it)
        String embeddedInboxPassword = servers.inboxPassword().orElseGet(EmbeddedMailServer::generatedPassword);
        EmbeddedMailServer embedded = startEmbeddedMailServer(context, settings, embeddedInboxPassword);
        long timeout = servers.timeout().toMillis();
        MailServer outbound = outbound(servers, embedded);
        registry.bind("outboundMailServer", outbound);
        context.addComponent(ConfiguredMailComponent.OUTBOUND, new ConfiguredMailComponent(outbound, timeout));
        context.addComponent(
                ConfiguredMailComponent.INBOUND,
                new ConfiguredMailComponent(inbox(servers, embedded, embeddedInboxPassword), timeout));

        ResetTokens tokens = new ResetTokens(dataSource, settings.tokenTtl(), Clock.systemUTC());
        MailQueue queue = new MailQueue(dataSource, settings.mailLease());
        ActivationStates states = new ActivationStates(dataSource);
        MailSettings configured = settings.mail();
        MailSettings mail = new MailSettings(
                configured.from(),
                configured.activationSubject(),
                configured.resetSubject(),
                context.resolvePropertyPlaceholders(configured.resetUrl()),
                configured.maxAttempts(),
                configured.initialDelay(),
                configured.maxDelay());
        Map<String, MailTemplate> templates = Map.of(
                MailItem.ACTIVATION, template(settings.activationTemplate()),
                MailItem.RESET, template(settings.resetTemplate()));
        PasswordSync sync = new PasswordSync(targets(context, applications), links);

        registry.bind("mailQueue", queue);
        registry.bind("activationMailer", new ActivationMailer(directory, tokens, queue, states, templates, mail));
        registry.bind("activationMailResource", new ActivationMailResource(directory, queue));
        registry.bind("userListResource", new UserListResource(directory, links, outbox, states));
        registry.bind("passwordSync", sync);
        registry.bind(
                "resetPage",
                new ResetPageHandler(
                        tokens,
                        new CsrfTokens(formKey(settings)),
                        settings.rule(),
                        // counted in the database: the limit is the cluster's, whichever instance a guess reaches
                        AttemptLimiter.shared(
                                settings.maxInvalidAttemptsPerMinute(),
                                Duration.ofMinutes(1),
                                Clock.systemUTC(),
                                dataSource,
                                "reset-link"),
                        directory,
                        sync,
                        states));
        registry.bind("resetRequestMail", new ResetRequestMail(directory, queue, settings.maxResetRequestsPerHour()));
        // the viewer shows what the embedded server captured only while it is the one sending the mail
        registry.bind("mailboxPage", new MailboxPage(servers.smtpEmbedded() ? embedded : null));
        return new Wired(queue, outbound);
    }

    private static EmbeddedMailServer startEmbeddedMailServer(
            CamelContext context, PasswordSettings settings, String inboxPassword) throws Exception {
        MailServerSettings servers = settings.servers();
        boolean smtpEmbedded = servers.smtpEmbedded();
        boolean inboxEmbedded = servers.inboxEmbedded();
        if (!smtpEmbedded && !inboxEmbedded) {
            return null;
        }
        EmbeddedMailServer server = new EmbeddedMailServer(servers.embeddedSmtpPort(), servers.embeddedImapPort());
        server.start();
        server.addMailbox(servers.inboxUser(), servers.inboxUser(), inboxPassword);
        context.addService(new Closing(server), true, true);
        context.getRegistry().bind("embeddedMailServer", server);
        LOG.info(
                "Mail: embedded mail server (GreenMail) at {} and {}{}{}",
                server.smtp(),
                server.imap(servers.inboxUser(), null),
                smtpEmbedded
                        ? "; outgoing mail is captured there, see http://localhost:" + settings.httpPort()
                                + "/mailbox with the API token"
                                + " (no provisioning.mail.host set; a trial feature, see SECURITY.md)"
                        : "",
                inboxEmbedded
                        ? "; the reset inbox is " + servers.inboxUser() + " on it (no provisioning.mail.inbox.host set)"
                        : "");
        return server;
    }

    private static MailServer outbound(MailServerSettings servers, EmbeddedMailServer embedded) {
        if (servers.smtpEmbedded()) {
            return embedded.smtp();
        }
        String tls = servers.tls();
        MailServer server = new MailServer(
                "ssl".equals(tls) ? "smtps" : "smtp",
                servers.smtpHost().orElseThrow(),
                servers.smtpPort(),
                servers.smtpUser().orElse(null),
                servers.smtpPassword().orElse(null),
                "starttls".equals(tls));
        LOG.info("Mail: outgoing mail goes to {}", server);
        return server;
    }

    private static MailServer inbox(
            MailServerSettings servers, EmbeddedMailServer embedded, String embeddedInboxPassword) {
        if (servers.inboxEmbedded()) {
            return embedded.imap(servers.inboxUser(), embeddedInboxPassword);
        }
        MailServer server = new MailServer(
                servers.inboxProtocol(),
                servers.inboxHost().orElseThrow(),
                servers.inboxPort(),
                servers.inboxUser(),
                servers.inboxPassword().orElse(null),
                servers.inboxStarttls());
        LOG.info("Mail: the reset inbox is {} at {}", servers.inboxUser(), server);
        return server;
    }

    /** The applications as password sync sees them, with the API version of each one's component. */
    private static List<PasswordTarget> targets(CamelContext context, SalesforceApplications applications) {
        return applications.all().stream()
                .map(a -> {
                    var config = context.getComponent(a.componentName(), SalesforceComponent.class)
                            .getConfig();
                    String version = config == null ? null : config.getApiVersion();
                    return new PasswordTarget(
                            a.name(),
                            a.sObject(),
                            a.enabled(Feature.PASSWORD_SYNC),
                            version == null ? SalesforceEndpointConfig.DEFAULT_VERSION : version);
                })
                .toList();
    }

    private static MailTemplate template(String base) {
        return new MailTemplate(ConfigFiles.resolve(base + ".html"), ConfigFiles.resolve(base + ".txt"));
    }

    private static byte[] formKey(PasswordSettings settings) {
        return settings.formKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        });
    }
}
