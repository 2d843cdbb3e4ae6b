package io.provisioning;

import io.provisioning.api.ActivationMailResource;
import io.provisioning.api.UserListResource;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.UserDirectory;
import io.provisioning.password.ActivationMailer;
import io.provisioning.password.ActivationStates;
import io.provisioning.password.AttemptLimiter;
import io.provisioning.password.CsrfTokens;
import io.provisioning.password.MailItem;
import io.provisioning.password.MailQueue;
import io.provisioning.password.MailSettings;
import io.provisioning.password.MailTemplate;
import io.provisioning.password.PasswordRule;
import io.provisioning.password.PasswordSync;
import io.provisioning.password.PasswordTarget;
import io.provisioning.password.ResetPageHandler;
import io.provisioning.password.ResetRequestMail;
import io.provisioning.password.ResetTokens;
import io.provisioning.salesforce.Feature;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.Closing;
import io.provisioning.support.ConfigFiles;
import io.provisioning.support.ConfiguredMailComponent;
import io.provisioning.support.EmbeddedMailServer;
import io.provisioning.support.MailServer;
import io.provisioning.support.MailboxPage;
import io.provisioning.support.Settings;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up wiring of password sync: the mail servers (the embedded one where no host is configured), the
 * {@code mail-outbound} and {@code mail-inbound} components, and the beans of the mail, reset page and inbox routes.
 */
final class PasswordWiring {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordWiring.class);

    private PasswordWiring() {}

    static void register(
            CamelContext context,
            Settings settings,
            DataSource dataSource,
            UserDirectory directory,
            ApplicationLinks links,
            Outbox outbox,
            SalesforceApplications applications)
            throws Exception {
        Registry registry = context.getRegistry();
        // the embedded reset inbox's IMAP password: configured, else a new random one each start (only we read it)
        String embeddedInboxPassword =
                settings.find("provisioning.mail.inbox.password").orElseGet(EmbeddedMailServer::generatedPassword);
        EmbeddedMailServer embedded = startEmbeddedMailServer(context, settings, embeddedInboxPassword);
        long timeout = settings.getLong("provisioning.mail.timeout-ms");
        MailServer outbound = outbound(settings, embedded);
        registry.bind("outboundMailServer", outbound);
        context.addComponent(ConfiguredMailComponent.OUTBOUND, new ConfiguredMailComponent(outbound, timeout));
        context.addComponent(
                ConfiguredMailComponent.INBOUND,
                new ConfiguredMailComponent(inbox(settings, embedded, embeddedInboxPassword), timeout));

        ResetTokens tokens = new ResetTokens(
                dataSource, duration(settings.get("provisioning.password.token-ttl")), Clock.systemUTC());
        MailQueue queue =
                new MailQueue(dataSource, Duration.ofSeconds(settings.getLong("provisioning.mail.lease-seconds")));
        ActivationStates states = new ActivationStates(dataSource);
        MailSettings mail = new MailSettings(
                settings.get("provisioning.mail.from"),
                settings.get("provisioning.mail.activation.subject"),
                settings.get("provisioning.mail.reset.subject"),
                context.resolvePropertyPlaceholders(settings.require("provisioning.password.reset-url")),
                settings.getInt("provisioning.mail.retry.max-attempts"),
                Duration.ofMillis(settings.getLong("provisioning.mail.retry.initial-delay-ms")),
                Duration.ofMillis(settings.getLong("provisioning.mail.retry.max-delay-ms")));
        Map<String, MailTemplate> templates = Map.of(
                MailItem.ACTIVATION, template(settings.get("provisioning.mail.activation.template")),
                MailItem.RESET, template(settings.get("provisioning.mail.reset.template")));
        PasswordRule rule = passwordRule(settings);
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
                        rule,
                        new AttemptLimiter(
                                settings.getInt("provisioning.password.max-invalid-attempts-per-minute"),
                                Duration.ofMinutes(1),
                                Clock.systemUTC()),
                        directory,
                        sync,
                        states));
        registry.bind(
                "resetRequestMail",
                new ResetRequestMail(
                        directory, queue, settings.getInt("provisioning.mail.inbox.max-requests-per-hour")));
        // the viewer shows what the embedded server captured only while it is the one sending the mail
        registry.bind(
                "mailboxPage",
                new MailboxPage(settings.find("provisioning.mail.host").isEmpty() ? embedded : null));
    }

    private static EmbeddedMailServer startEmbeddedMailServer(
            CamelContext context, Settings settings, String inboxPassword) throws Exception {
        boolean smtpEmbedded = settings.find("provisioning.mail.host").isEmpty();
        boolean inboxEmbedded = settings.find("provisioning.mail.inbox.host").isEmpty();
        if (!smtpEmbedded && !inboxEmbedded) {
            return null;
        }
        EmbeddedMailServer server = new EmbeddedMailServer(
                settings.getInt("provisioning.mail.embedded.smtp-port"),
                settings.getInt("provisioning.mail.embedded.imap-port"));
        server.start();
        server.addMailbox(inboxUser(settings), inboxUser(settings), inboxPassword);
        context.addService(new Closing(server), true, true);
        context.getRegistry().bind("embeddedMailServer", server);
        LOG.info(
                "Mail: embedded mail server (GreenMail) at {} and {}{}{}",
                server.smtp(),
                server.imap(inboxUser(settings), null),
                smtpEmbedded
                        ? "; outgoing mail is captured there, see http://localhost:"
                                + settings.get("provisioning.http.port") + "/mailbox with the API token"
                                + " (no provisioning.mail.host set; a trial feature, see SECURITY.md)"
                        : "",
                inboxEmbedded
                        ? "; the reset inbox is " + inboxUser(settings) + " on it (no provisioning.mail.inbox.host set)"
                        : "");
        return server;
    }

    private static MailServer outbound(Settings settings, EmbeddedMailServer embedded) {
        if (settings.find("provisioning.mail.host").isEmpty()) {
            return embedded.smtp();
        }
        String tls = settings.get("provisioning.mail.tls").toLowerCase(Locale.ROOT);
        if (!List.of("none", "starttls", "ssl").contains(tls)) {
            throw new IllegalStateException("provisioning.mail.tls must be none, starttls or ssl, got '" + tls + "'");
        }
        MailServer server = new MailServer(
                "ssl".equals(tls) ? "smtps" : "smtp",
                settings.require("provisioning.mail.host"),
                settings.getInt("provisioning.mail.port"),
                settings.find("provisioning.mail.user").orElse(null),
                settings.find("provisioning.mail.password").orElse(null),
                "starttls".equals(tls));
        LOG.info("Mail: outgoing mail goes to {}", server);
        return server;
    }

    private static MailServer inbox(Settings settings, EmbeddedMailServer embedded, String embeddedInboxPassword) {
        if (settings.find("provisioning.mail.inbox.host").isEmpty()) {
            return embedded.imap(inboxUser(settings), embeddedInboxPassword);
        }
        String protocol = settings.get("provisioning.mail.inbox.protocol");
        if (!List.of("imap", "imaps", "pop3", "pop3s").contains(protocol)) {
            throw new IllegalStateException("provisioning.mail.inbox.protocol must be imap, imaps, pop3 or pop3s");
        }
        MailServer server = new MailServer(
                protocol,
                settings.require("provisioning.mail.inbox.host"),
                settings.getInt("provisioning.mail.inbox.port"),
                inboxUser(settings),
                settings.find("provisioning.mail.inbox.password").orElse(null),
                settings.getBoolean("provisioning.mail.inbox.starttls"));
        LOG.info("Mail: the reset inbox is {} at {}", inboxUser(settings), server);
        return server;
    }

    private static String inboxUser(Settings settings) {
        return settings.get("provisioning.mail.inbox.user");
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

    /** NIST 800-63B: lengths and guessability only; a minimum below the bundle's least is raised, with a warning. */
    private static PasswordRule passwordRule(Settings settings) {
        int minLength = settings.getInt("provisioning.password.min-length");
        if (minLength < PasswordRule.LEAST_MIN_LENGTH) {
            LOG.warn(
                    "provisioning.password.min-length={} is below {}: using {}",
                    minLength,
                    PasswordRule.LEAST_MIN_LENGTH,
                    PasswordRule.LEAST_MIN_LENGTH);
            minLength = PasswordRule.LEAST_MIN_LENGTH;
        }
        try {
            return new PasswordRule(
                    minLength,
                    settings.getInt("provisioning.password.max-length"),
                    settings.getInt("provisioning.password.min-score"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("provisioning.password.*: " + e.getMessage(), e);
        }
    }

    private static MailTemplate template(String base) {
        return new MailTemplate(ConfigFiles.resolve(base + ".html"), ConfigFiles.resolve(base + ".txt"));
    }

    private static byte[] formKey(Settings settings) {
        return settings.find("provisioning.password.form-key")
                .map(k -> k.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    byte[] key = new byte[32];
                    new SecureRandom().nextBytes(key);
                    return key;
                });
    }

    /** {@code 24h}, {@code 30m}, {@code 90s}, {@code 2d}, or ISO-8601 ({@code PT24H}). */
    static Duration duration(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalStateException(
                    "Durations look like 24h, 30m, 90s, 2d or PT24H, got '" + value + "'");
        };
    }
}
