package io.provisioning.support;

import java.nio.file.Path;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * The embedded ActiveMQ Artemis broker, started when no broker URL is configured: a persistent journal under
 * {@code dir}, one TCP acceptor for CORE and AMQP clients, the requests queue and its dead-letter queue. Messages
 * rolled back more than {@code maxDeliveryAttempts} times (a consumer crashing on them) are moved to the
 * dead-letter queue by the broker itself. Only its one user may connect: anonymous CORE and AMQP clients are refused.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final String ROLE = "provisioning";

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final String host;
    private final int port;

    public EmbeddedBroker(
            Path dir,
            String host,
            int port,
            String user,
            String password,
            String queue,
            String deadLetterQueue,
            int maxDeliveryAttempts) {
        this.host = host;
        this.port = port;
        Configuration config = new ConfigurationImpl()
                .setName("provisioning-embedded")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setNodeManagerLockDirectory(dir.toString())
                .setJMXManagementEnabled(false)
                .setCriticalAnalyzer(false)
                .setSecurityEnabled(true);
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("The embedded broker needs a user and a password");
        }
        try {
            config.addAcceptorConfiguration("provisioning", "tcp://" + host + ":" + port + "?protocols=CORE,AMQP");
        } catch (Exception e) {
            throw new IllegalStateException("Bad broker acceptor " + host + ":" + port, e);
        }
        config.addAddressSetting(
                queue,
                new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(deadLetterQueue))
                        .setMaxDeliveryAttempts(maxDeliveryAttempts)
                        .setRedeliveryDelay(0));
        config.addQueueConfiguration(
                QueueConfiguration.of(queue).setAddress(queue).setRoutingType(RoutingType.ANYCAST));
        config.addQueueConfiguration(QueueConfiguration.of(deadLetterQueue)
                .setAddress(deadLetterQueue)
                .setRoutingType(RoutingType.ANYCAST));
        config.putSecurityRoles(
                "#", Set.of(new Role(ROLE, true, true, true, true, true, true, true, true, true, true)));
        // no default user: a client without credentials (CORE, or AMQP's SASL ANONYMOUS) fails to log in
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(user, password);
        users.addRole(user, ROLE);
        server.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        server.setConfiguration(config);
    }

    public void start() throws Exception {
        server.start();
    }

    /** The URL clients connect with (CORE protocol; AMQP clients use {@code amqp://host:port}). */
    public String url() {
        return "tcp://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
