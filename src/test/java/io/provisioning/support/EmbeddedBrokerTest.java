package io.provisioning.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.provisioning.testsupport.TestEnvironment;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheConfiguredUserConnectsAndMessagesSurviveARestart() throws Exception {
        int port = TestEnvironment.freePort();
        EmbeddedBroker broker = start(port);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url(), "bundle", "secret");
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("requests")).send(session.createTextMessage("kept"));
        }
        try (ActiveMQConnectionFactory wrong = new ActiveMQConnectionFactory(broker.url(), "bundle", "wrong")) {
            assertThrows(JMSSecurityException.class, wrong::createConnection);
        }
        broker.close();

        broker = start(port);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url(), "bundle", "secret");
                Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = (TextMessage)
                    session.createConsumer(session.createQueue("requests")).receive(5_000);
            assertEquals("kept", message.getText(), "the journal under the data folder keeps accepted messages");
        } finally {
            broker.close();
        }
    }

    private EmbeddedBroker start(int port) throws Exception {
        EmbeddedBroker broker =
                new EmbeddedBroker(dir, "127.0.0.1", port, "bundle", "secret", "requests", "requests.DLQ", 3);
        broker.start();
        return broker;
    }
}
