package io.provisioning.queue;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;
import org.springframework.jms.support.converter.MessageConverter;

/**
 * The queue takes text only (a JMS {@code TextMessage}, an AMQP message with a string body): any other kind is
 * rejected before its body is read, so an {@code ObjectMessage} is never deserialized. Two places: as the consumer's
 * message converter it reads text bodies only (Camel reads the body as soon as the exchange is made, to keep the
 * original message for the dead letter, before any step runs); as the route's first step it rejects the rest.
 */
public class TextMessagesOnly implements MessageConverter {

    /** Exchange property: the message's body must not be read, not even to forward it to the dead-letter queue. */
    public static final String UNREADABLE_BODY = "provisioningUnreadableBody";

    public void check(Exchange exchange) {
        if (!(exchange.getMessage() instanceof JmsMessage jms) || jms.getJmsMessage() == null) {
            return;
        }
        Message message = jms.getJmsMessage();
        if (message instanceof TextMessage) {
            return;
        }
        exchange.setProperty(UNREADABLE_BODY, true);
        throw new RejectedMessageException(
                "only text messages are accepted (a JMS TextMessage or an AMQP string body), " + "this is a "
                        + kind(message) + "; its body was not read");
    }

    /** The body Camel sees: the text of a text message, nothing of any other kind (never {@code getObject()}). */
    @Override
    public Object fromMessage(Message message) throws JMSException {
        return message instanceof TextMessage text ? text.getText() : null;
    }

    /** Not used by the consumer; text stays text. */
    @Override
    public Message toMessage(Object object, Session session) throws JMSException {
        return session.createTextMessage(object == null ? null : object.toString());
    }

    static String kind(Message message) {
        if (message instanceof ObjectMessage) {
            return "ObjectMessage";
        }
        if (message instanceof BytesMessage) {
            return "BytesMessage";
        }
        if (message instanceof MapMessage) {
            return "MapMessage";
        }
        if (message instanceof StreamMessage) {
            return "StreamMessage";
        }
        return "Message without a body";
    }
}
