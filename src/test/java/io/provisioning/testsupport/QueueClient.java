package io.provisioning.testsupport;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A separate JMS client (Artemis CORE over TCP), as another process would publish to the bundle's broker. */
public final class QueueClient implements AutoCloseable {

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session session;

    public QueueClient(String url, String user, String password) {
        try {
            factory = new ActiveMQConnectionFactory(url, user, password);
            connection = factory.createConnection();
            connection.start();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a text message; the group is the lower-cased user name, as producers should set it. */
    public String send(String queue, String body, String group, Map<String, String> properties) {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            TextMessage message = session.createTextMessage(body);
            if (group != null) {
                message.setStringProperty("JMSXGroupID", group);
            }
            for (Map.Entry<String, String> property : properties.entrySet()) {
                if ("JMSCorrelationID".equals(property.getKey())) {
                    message.setJMSCorrelationID(property.getValue()); // a header field, not a property
                } else {
                    message.setStringProperty(property.getKey(), property.getValue());
                }
            }
            producer.send(message);
            return message.getJMSMessageID();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    public String send(String queue, String body, String group) {
        return send(queue, body, group, Map.of());
    }

    /**
     * Sends many text messages (body → group) in ONE local transaction: one durable commit instead of one per message,
     * as a producer feeding a large batch would.
     */
    public void sendAll(String queue, Map<String, String> bodiesToGroups) {
        try (Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = transacted.createProducer(transacted.createQueue(queue))) {
            for (Map.Entry<String, String> entry : bodiesToGroups.entrySet()) {
                TextMessage message = transacted.createTextMessage(entry.getKey());
                message.setStringProperty("JMSXGroupID", entry.getValue());
                producer.send(message);
            }
            transacted.commit();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next message of the queue, or null after the timeout. */
    public Message receive(String queue, long timeoutMs) {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            return consumer.receive(timeoutMs);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many messages wait in the queue (not counting those delivered but not yet acknowledged). */
    public int depth(String queue) {
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            return Collections.list(browser.getEnumeration()).size();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
            factory.close();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
