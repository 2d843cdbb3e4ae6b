package io.provisioning.observe;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.function.Supplier;

/** The message broker (embedded or external) accepts a connection. */
class BrokerCheck implements Supplier<CheckResult> {

    private final ConnectionFactory connectionFactory;

    /** @param connectionFactory a plain (not caching) factory, so every check opens a fresh connection */
    public BrokerCheck(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    public CheckResult get() {
        try (Connection connection = connectionFactory.createConnection()) {
            return CheckResult.ok();
        } catch (JMSException e) {
            return CheckResult.down(e);
        }
    }
}
