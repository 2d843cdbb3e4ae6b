package io.provisioning.salesforce;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxItem;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.support.ExchangeKeys;

/**
 * The Java side of the {@code salesforce-write} route: prepares one outbox item for the call, and records its
 * outcome on the user's link, on the outbox item and in the exchange properties the report row is built from.
 */
public class SalesforceWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UserDirectory directory;
    private final Outbox outbox;
    private final SalesforceApplications applications;
    private final SalesforceErrorClassifier classifier = new SalesforceErrorClassifier();
    private final RetryPolicy retryPolicy;

    public SalesforceWriter(UserDirectory directory, Outbox outbox, SalesforceApplications applications,
            RetryPolicy retryPolicy) {
        this.directory = directory;
        this.outbox = outbox;
        this.applications = applications;
        this.retryPolicy = retryPolicy;
    }

    /** Body: an {@link OutboxItem}. Afterwards: the {@link User}, with the call's properties set. */
    public void prepare(Exchange exchange) {
        OutboxItem item = exchange.getMessage().getBody(OutboxItem.class);
        SalesforceApplication application = applications.get(item.application());
        exchange.setProperty(ExchangeKeys.OUTBOX_ITEM, item);
        exchange.setProperty(ExchangeKeys.STARTED_AT, System.nanoTime());
        exchange.setProperty(ExchangeKeys.APPLICATION, application.name());
        exchange.setProperty(ExchangeKeys.COMPONENT, application.componentName());
        exchange.setProperty(ExchangeKeys.SOBJECT, application.sObject());
        exchange.setProperty(ExchangeKeys.CREATING, OutboxItem.CREATE.equals(item.operation()));
        exchange.setProperty(ExchangeKeys.OPERATION, item.operation());
        exchange.setProperty(ExchangeKeys.SOURCE, item.source());
        exchange.setProperty(ExchangeKeys.ATTEMPT, item.attempts() + 1);
        // Every attempt of one piece of work shares its job id in the report rows.
        exchange.setProperty(ExchangeKeys.REQUEST_ID, "outbox-" + item.id());
        exchange.setProperty(ExchangeKeys.USER_ID, item.userId());
        // The user id stands in as identifier should the user be gone by now.
        exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, item.userId());
        User user = directory.get(item.userId());
        exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, user.userName());
        exchange.getMessage().setBody(user);
    }

    /** Body: Salesforce's JSON answer to the create. */
    public void succeeded(Exchange exchange) throws Exception {
        OutboxItem item = exchange.getProperty(ExchangeKeys.OUTBOX_ITEM, OutboxItem.class);
        Map<?, ?> answer = JSON.readValue(exchange.getMessage().getBody(String.class), Map.class);
        String recordId = (String) answer.get("id");
        directory.updateLink(item.userId(), item.application(), ApplicationLink.PROVISIONED, recordId, null, null);
        outbox.complete(item.id());
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, "success");
        exchange.setProperty(ExchangeKeys.RECORD_ID, recordId);
    }

    /** Called by the error handler with the exception that ended the call. */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        OutboxItem item = exchange.getProperty(ExchangeKeys.OUTBOX_ITEM, OutboxItem.class);
        SalesforceFailure failure = cause instanceof io.provisioning.directory.UserNotFoundException
                ? new SalesforceFailure(false, 0, "USER_NOT_FOUND", cause.getMessage())
                : classifier.classify(cause);
        int attempts = item.attempts() + 1;
        String error = failure.errorCode() + ": " + failure.message();
        if (failure.retryable() && !retryPolicy.exhausted(attempts)) {
            var delay = retryPolicy.delayAfter(attempts);
            LOG.warn("{} of user {} in {} failed (attempt {}), retrying in {} ms: {}", item.operation(), item.userId(),
                    item.application(), attempts, delay.toMillis(), error);
            outbox.retryLater(item.id(), delay, error);
            directory.updateLink(item.userId(), item.application(), ApplicationLink.PENDING, null,
                    failure.errorCode(), failure.message());
            exchange.setProperty(ExchangeKeys.REPORT_STATUS, "retrying");
        } else {
            LOG.warn("{} of user {} in {} failed for good after {} attempt(s): {}", item.operation(), item.userId(),
                    item.application(), attempts, error);
            outbox.fail(item.id(), error);
            if (!"USER_NOT_FOUND".equals(failure.errorCode())) {
                directory.updateLink(item.userId(), item.application(), ApplicationLink.FAILED, null,
                        failure.errorCode(), failure.message());
            }
            exchange.setProperty(ExchangeKeys.REPORT_STATUS, "failure");
        }
        exchange.setProperty(ExchangeKeys.ERROR_CODE, failure.errorCode());
        exchange.setProperty(ExchangeKeys.ERROR_MESSAGE, failure.message());
    }
}
