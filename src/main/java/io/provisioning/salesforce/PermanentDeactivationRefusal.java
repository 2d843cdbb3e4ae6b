package io.provisioning.salesforce;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * The {@code doCatch} condition of {@code salesforce-user-deactivate} (bean {@value #BEAN}, used with the {@code ref}
 * language): true when Salesforce refused to deactivate the User for good, so it is frozen instead; the refusal is
 * kept on the {@link WriteAttempt}. A retryable failure or a record that is gone is not caught and goes on to the
 * caller's error handling. A {@link Predicate} rather than a bean method: Camel hides the exception from a bean
 * method called as a doCatch condition.
 */
public final class PermanentDeactivationRefusal implements Predicate {

    public static final String BEAN = "permanentDeactivationRefusal";

    private final SalesforceErrorClassifier classifier = new SalesforceErrorClassifier();

    @Override
    public boolean matches(Exchange exchange) {
        SalesforceFailure failure = classifier.classify(exchange.getException());
        if (failure.retryable() || failure.recordGone()) {
            return false;
        }
        exchange.getProperty(WriteAttempt.PROPERTY, WriteAttempt.class).refused(failure);
        return true;
    }
}
