package io.provisioning.queue;

import io.provisioning.directory.UserDirectory;
import io.provisioning.password.MailQueue;
import io.provisioning.requests.UserRequestParser;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.BrokerCredentials;
import io.provisioning.support.Closing;
import io.provisioning.support.EmbeddedBroker;
import io.provisioning.support.OwnerOnly;
import io.provisioning.support.Redaction;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Wires the queue inbound: the embedded Artemis broker where no broker URL is configured, the {@code jms} component
 * on a caching connection factory, and the beans of the {@code inbound-queue} routes. Answers the fast-failing
 * connection factory the broker health check uses.
 */
public final class QueueFeature {

    private static final Logger LOG = LoggerFactory.getLogger(QueueFeature.class);

    private QueueFeature() {}

    /**
     * @param probeTimeout how long the health check's connection may take
     */
    public static ConnectionFactory wire(
            CamelContext context,
            QueueSettings settings,
            Duration probeTimeout,
            Path dataDir,
            UserRequestParser parser,
            UserDirectory directory,
            SalesforceApplications applications,
            MailQueue mailQueue)
            throws Exception {
        String queue = settings.queue();
        String user = settings.user().orElse(null);
        String password = settings.password().orElse(null);
        String url = settings.url().orElse(null);
        if (url == null) {
            BrokerCredentials credentials =
                    BrokerCredentials.forEmbedded(settings.user(), settings.password(), dataDir);
            user = credentials.user();
            password = credentials.password();
            OwnerOnly.folder(dataDir.resolve("broker"));
            OwnerOnly.tree(dataDir.resolve("broker"));
            EmbeddedBroker broker = new EmbeddedBroker(
                    dataDir.resolve("broker"),
                    settings.host(),
                    settings.port(),
                    user,
                    password,
                    queue,
                    settings.deadLetterQueue(),
                    settings.maxDeliveryAttempts());
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
        connectionFactory.setSessionCacheSize(settings.consumers() + 2);
        connectionFactory.setReconnectOnException(true);
        context.addService(new Closing(connectionFactory::destroy), true, true);
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(connectionFactory);
        jms.setRecoveryInterval(settings.recoveryInterval().toMillis());
        context.addComponent("jms", jms);

        Registry registry = context.getRegistry();
        // A plain factory that gives up fast, for the health check: the caching one keeps its connection
        ActiveMQConnectionFactory probeFactory = clientFactory(url, user, password);
        probeFactory.setCallTimeout(probeTimeout.toMillis());
        probeFactory.setInitialConnectAttempts(1);
        probeFactory.setReconnectAttempts(0);
        context.addService(new Closing(probeFactory::close), true, true);
        QueueRequestHandler handler = new QueueRequestHandler(
                new QueueRequestParser(settings.maxMessageBytes()),
                parser,
                directory,
                applications.names(),
                queue,
                mailQueue);
        registry.bind("queueRequests", handler);
        registry.bind("queueMessageTypes", new TextMessagesOnly());
        registry.bind("outcomeEvents", new OutcomeEvents());
        registry.bind("queueDeadLetters", new QueueDeadLetters(handler, settings.maxRedeliveries()));
        return probeFactory;
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
