package io.provisioning.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.support.BrokerCredentials;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.LogCapture;
import io.provisioning.testsupport.QueueClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.main.Main;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The embedded broker on its defaults (no broker user configured), probed as another local process would: over TCP
 * with the Artemis CORE client and with an AMQP 1.0 client (Qpid JMS). Anonymous clients are refused, the generated
 * user is stored owner-only and never logged, only text bodies are applied, and an {@code ObjectMessage} is
 * dead-lettered with a reason without ever being deserialized.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerSecurityTest {

    private static final String QUEUE = "provisioning.requests";
    private static final String DLQ = "provisioning.requests.DLQ";

    private final TestEnvironment env = TestEnvironment.create("broker-security");
    private final int port = Integer.parseInt(env.properties().get("provisioning.broker.port"));
    private Path dataDir;
    private LogCapture log;
    private Main bundle;
    private BrokerCredentials credentials;

    @BeforeAll
    void start() throws Exception {
        TestEnvironment.clearSystemProperties();
        env.properties().remove("provisioning.broker.user");
        env.properties().remove("provisioning.broker.password");
        env.with("provisioning.broker.max-redeliveries", "0");
        dataDir = Path.of(env.properties().get("provisioning.data.dir"));
        log = LogCapture.start("broker-security");
        bundle = Security.start(env);
        credentials = BrokerCredentials.read(dataDir.resolve("broker-credentials"));
    }

    @AfterAll
    void stop() {
        bundle.stop();
        log.close();
    }

    @Test
    void theGeneratedUserIsStoredOwnerOnlyAndNeverLogged() throws Exception {
        Path file = dataDir.resolve("broker-credentials");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
        assertEquals(
                "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("broker"))));
        assertTrue(credentials.password().length() >= 32, "a long random password");
        String text = log.text();
        assertTrue(text.contains(file.toAbsolutePath().toString()), "the log says where the user is stored");
        assertFalse(text.contains(credentials.password()), "the password is never logged");
        try (QueueClient client = new QueueClient(env.brokerUrl(), credentials.user(), credentials.password())) {
            assertEquals(0, client.depth(QUEUE), "the stored user logs in");
        }
    }

    @Test
    void anonymousAndWrongCoreClientsAreRefused() {
        try (ActiveMQConnectionFactory anonymous = new ActiveMQConnectionFactory(env.brokerUrl())) {
            assertThrows(
                    JMSSecurityException.class,
                    () -> anonymous.createConnection().close());
        }
        try (ActiveMQConnectionFactory wrong =
                new ActiveMQConnectionFactory(env.brokerUrl(), credentials.user(), "guess")) {
            assertThrows(
                    JMSSecurityException.class, () -> wrong.createConnection().close());
        }
    }

    @Test
    void anonymousAmqpClientsAreRefused() {
        JmsConnectionFactory anonymous = new JmsConnectionFactory("amqp://127.0.0.1:" + port);
        JMSException refused = assertThrows(JMSException.class, () -> {
            try (Connection connection = anonymous.createConnection()) {
                connection.start();
            }
        });
        assertInstanceOf(JMSSecurityException.class, refused, refused.toString());
        JmsConnectionFactory wrong = new JmsConnectionFactory(credentials.user(), "guess", "amqp://127.0.0.1:" + port);
        assertThrows(JMSSecurityException.class, () -> {
            try (Connection connection = wrong.createConnection()) {
                connection.start();
            }
        });
    }

    @Test
    void anAmqpStringBodyIsApplied() throws Exception {
        sendAmqp(session ->
                session.createTextMessage("{\"action\":\"create\",\"user\":{\"userName\":\"amqp.text@example.com\","
                        + "\"email\":\"amqp.text@example.com\",\"lastName\":\"Text\",\"company\":\"Acme\"}}"));
        UserDirectory directory =
                bundle.getCamelContext().getRegistry().lookupByNameAndType("userDirectory", UserDirectory.class);
        Optional<User> user = Await.until(
                () -> directory.findByUserName("amqp.text@example.com"), Optional::isPresent, Duration.ofSeconds(30));
        assertTrue(user.isPresent());
    }

    @Test
    void anObjectMessageIsDeadLetteredWithAReasonAndNeverDeserialized() throws Exception {
        Gadget.DESERIALIZED.set(false);
        String id;
        try (ActiveMQConnectionFactory factory =
                        new ActiveMQConnectionFactory(env.brokerUrl(), credentials.user(), credentials.password());
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageProducer producer = session.createProducer(session.createQueue(QUEUE))) {
                Message message = session.createObjectMessage(new Gadget());
                producer.send(message);
                id = message.getJMSMessageID();
            }
        }
        Message dead = deadLetter(id);
        assertTrue(
                dead.getStringProperty("provisioningError").contains("ObjectMessage"),
                dead.getStringProperty("provisioningError"));
        assertEquals("INVALID_MESSAGE", dead.getStringProperty("provisioningErrorCode"));
        assertEquals("", ((TextMessage) dead).getText(), "the dead letter does not carry the unread serialized body");
        assertFalse(Gadget.DESERIALIZED.get(), "the gadget's readObject never ran");
        assertFailureReport(id, "ObjectMessage");
        assertFalse(log.text().contains("touch /tmp/pwned"));
    }

    @Test
    void anAmqpBinaryBodyIsDeadLetteredWithAReason() throws Exception {
        String id = sendAmqp(session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes("{\"action\":\"create\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return message;
        });
        Message dead = deadLetter(id);
        assertTrue(
                dead.getStringProperty("provisioningError").contains("BytesMessage"),
                dead.getStringProperty("provisioningError"));
        assertFailureReport(id, "BytesMessage");
    }

    @Test
    void theBrokerListensOnLoopbackOnly() throws Exception {
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback address");
        try (Socket socket = new Socket()) {
            assertThrows(
                    IOException.class,
                    () -> socket.connect(new InetSocketAddress(external.get(), port), 2_000),
                    "the broker port is not reachable on " + external.get());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000); // while it is on loopback
        }
    }

    private interface MessageMaker {
        Message make(Session session) throws JMSException;
    }

    /** Sends one message over AMQP 1.0 as the stored user; returns the id the bundle sees as JMSMessageID. */
    private String sendAmqp(MessageMaker maker) throws JMSException {
        JmsConnectionFactory factory =
                new JmsConnectionFactory(credentials.user(), credentials.password(), "amqp://127.0.0.1:" + port);
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageProducer producer = session.createProducer(session.createQueue(QUEUE))) {
                Message message = maker.make(session);
                producer.send(message);
                return message.getJMSMessageID();
            }
        }
    }

    /** The dead letter of the message with this id (AMQP ids arrive as "ID:AMQP_…", so compared by the id's tail). */
    private Message deadLetter(String id) {
        try (QueueClient client = new QueueClient(env.brokerUrl(), credentials.user(), credentials.password())) {
            Message dead = client.receive(DLQ, 30_000);
            assertNotNull(dead, "the message is dead-lettered");
            assertEquals(0, client.depth(QUEUE), "and not left in the queue");
            return dead;
        }
    }

    private void assertFailureReport(String id, String kind) {
        DataSource db = bundle.getCamelContext().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        List<Map<String, Object>> rows = Await.until(
                () -> Reports.rows(
                        db,
                        "SELECT status, error_code, error_message FROM provisioning_report WHERE error_message LIKE ?",
                        "%" + kind + "%"),
                r -> !r.isEmpty(),
                Duration.ofSeconds(15));
        assertEquals("failure", rows.get(0).get("status"), rows.toString());
        assertEquals("INVALID_MESSAGE", rows.get(0).get("error_code"), rows.toString());
    }
}
