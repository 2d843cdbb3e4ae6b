package io.provisioning;

import io.provisioning.directory.UserDirectory;
import io.provisioning.password.MailQueue;
import io.provisioning.queue.OutcomeEvents;
import io.provisioning.queue.QueueDeadLetters;
import io.provisioning.queue.QueueRequestHandler;
import io.provisioning.queue.QueueRequestParser;
import io.provisioning.queue.TextMessagesOnly;
import io.provisioning.requests.UserRequestParser;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.BrokerCredentials;
import io.provisioning.support.Closing;
import io.provisioning.support.EmbeddedBroker;
import io.provisioning.support.OwnerOnly;
import io.provisioning.support.Redaction;
import io.provisioning.support.Settings;
import jakarta.jms.Connection;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Start-up wiring of the queue inbound: the embedded Artemis broker where no broker URL is configured, the
 * {@code jms} component on a caching connection factory, and the beans of the {@code inbound-queue} routes.
 */
final class QueueWiring {

    private static final Logger LOG = LoggerFactory.getLogger(QueueWiring.class);

    private QueueWiring() {}

    static void register(
            CamelContext context,
            Settings settings,
            Path dataDir,
            UserRequestParser parser,
            UserDirectory directory,
            SalesforceApplications applications)
            throws Exception {
        String queue = settings.get("provisioning.broker.queue");
        String user = settings.find("provisioning.broker.user").orElse(null);
        String password = settings.find("provisioning.broker.password").orElse(null);
        String url = settings.find("provisioning.broker.url").orElse(null);
        if (url == null) {
            BrokerCredentials credentials = BrokerCredentials.forEmbedded(settings, dataDir);
            user = credentials.user();
            password = credentials.password();
            OwnerOnly.folder(dataDir.resolve("broker"));
            OwnerOnly.tree(dataDir.resolve("broker"));
            EmbeddedBroker broker = new EmbeddedBroker(
                    dataDir.resolve("broker"),
                    settings.get("provisioning.broker.host"),
                    settings.getInt("provisioning.broker.port"),
                    user,
                    password,
                    queue,
                    settings.get("provisioning.broker.dead-letter-queue"),
                    settings.getInt("provisioning.broker.max-delivery-attempts"));
            broker.start();
            context.addService(new Closing(broker), true, true);
            url = broker.url();
            LOG.info(
                    "Broker: embedded ActiveMQ Artemis at {} (CORE and AMQP, user {} required), journal in {}, queue {} "
                            + "(no provisioning.broker.url set)",
                    url,
                    user,
                    dataDir.resolve("broker").toAbsolutePath(),
                    queue);
        } else {
            LOG.info("Broker: external broker at {}, queue {}", Redaction.redact(url), queue);
            probe(url, user, password);
        }

        CachingConnectionFactory connectionFactory = new CachingConnectionFactory(clientFactory(url, user, password));
        connectionFactory.setCacheConsumers(false);
        connectionFactory.setSessionCacheSize(settings.getInt("provisioning.broker.consumers") + 2);
        connectionFactory.setReconnectOnException(true);
        context.addService(new Closing(connectionFactory::destroy), true, true);
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(connectionFactory);
        jms.setRecoveryInterval(settings.getLong("provisioning.broker.recovery-interval-ms"));
        context.addComponent("jms", jms);

        Registry registry = context.getRegistry();
        // A plain factory that gives up fast, for the health check: the caching one keeps its connection
        ActiveMQConnectionFactory probeFactory = clientFactory(url, user, password);
        probeFactory.setCallTimeout(settings.getLong("provisioning.observe.check-timeout-ms"));
        probeFactory.setInitialConnectAttempts(1);
        probeFactory.setReconnectAttempts(0);
        context.addService(new Closing(probeFactory::close), true, true);
        registry.bind("brokerProbeConnectionFactory", probeFactory);
        QueueRequestHandler handler = new QueueRequestHandler(
                new QueueRequestParser(settings.getInt("provisioning.broker.max-message-bytes")),
                parser,
                directory,
                applications.all().stream().map(SalesforceApplication::name).toList(),
                queue,
                registry.lookupByNameAndType("mailQueue", MailQueue.class));
        registry.bind("queueRequests", handler);
        registry.bind("queueMessageTypes", new TextMessagesOnly());
        registry.bind("outcomeEvents", new OutcomeEvents());
        registry.bind(
                "queueDeadLetters",
                new QueueDeadLetters(handler, settings.getInt("provisioning.broker.max-redeliveries")));
    }

    /**
     * A client factory that never deserializes a Java object from a message: an {@code ObjectMessage}'s body is
     * refused before any class of it is loaded (gadget chains run in {@code readObject}).
     */
    private static ActiveMQConnectionFactory clientFactory(String url, String user, String password) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
        factory.setDeserializationDenyList("*");
        factory.setDeserializationAllowList("");
        return factory;
    }

    /** Says at start-up, without delaying it, whether the external broker answers; the consumers reconnect anyway. */
    private static void probe(String url, String user, String password) {
        Thread probe = new Thread(
                () -> {
                    try (ActiveMQConnectionFactory factory = clientFactory(url, user, password);
                            Connection connection = factory.createConnection()) {
                        LOG.info("Broker: {} is reachable", Redaction.redact(url));
                    } catch (Exception e) {
                        LOG.warn(
                                "Broker: {} is unreachable ({}); the queue consumers keep reconnecting",
                                Redaction.redact(url),
                                Redaction.redact(e.getMessage()));
                    }
                },
                "broker-probe");
        probe.setDaemon(true);
        probe.start();
    }
}
