package io.provisioning.queue;

import io.provisioning.directory.AlreadyProcessedException;
import io.provisioning.directory.DuplicateUserException;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.directory.UserNotFoundException;
import io.provisioning.directory.UserPatch;
import io.provisioning.password.MailItem;
import io.provisioning.password.MailQueue;
import io.provisioning.requests.InvalidRequestException;
import io.provisioning.requests.UserRequestParser;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one queue message to the directory: the user change and its provisioning work (outbox) are committed in
 * one transaction together with the request key, so a redelivered message has no second effect. Messages that can
 * never be applied throw {@link RejectedMessageException}; anything else (database down) is transient.
 */
public class QueueRequestHandler {

    /** The outcome when the request key was already recorded. */
    public static final String DUPLICATE = "duplicate";

    private static final Logger LOG = LoggerFactory.getLogger(QueueRequestHandler.class);

    private final QueueRequestParser envelope;
    private final UserRequestParser users;
    private final UserDirectory directory;
    private final List<String> applications;
    private final String queue;
    private final MailQueue mails;

    public QueueRequestHandler(
            QueueRequestParser envelope,
            UserRequestParser users,
            UserDirectory directory,
            List<String> applications,
            String queue,
            MailQueue mails) {
        this.mails = mails;
        this.envelope = envelope;
        this.users = users;
        this.directory = directory;
        this.applications = List.copyOf(applications);
        this.queue = queue;
    }

    /** @return what was done: created, updated, deleted or duplicate */
    public String apply(@Body String body, @Header("JMSMessageID") String messageId) {
        QueueRequest request = envelope.parse(body);
        String source = source(messageId);
        String key = request.requestId() != null ? "queue-request:" + request.requestId() : "jms-message:" + messageId;
        try {
            String outcome =
                    switch (request.action()) {
                        case QueueRequest.CREATE -> create(request, source, key);
                        case QueueRequest.UPDATE -> update(request, existing(request), source, key);
                        case QueueRequest.UPSERT -> upsert(request, source, key);
                        case QueueRequest.DELETE -> delete(request, source, key);
                        case QueueRequest.ACTIVATION_MAIL -> activationMail(request, source, key);
                        default -> throw new RejectedMessageException("unknown action " + request.action(), request);
                    };
            LOG.debug("Queue message {} ({} {}): {}", messageId, request.action(), request.userName(), outcome);
            return outcome;
        } catch (AlreadyProcessedException e) {
            LOG.info(
                    "Queue message {} ({} {}) was already applied (key {}); acknowledged without a second effect",
                    messageId,
                    request.action(),
                    request.userName(),
                    key);
            return DUPLICATE;
        } catch (InvalidRequestException e) {
            throw new RejectedMessageException(
                    e.getMessage() + ": "
                            + e.getFieldErrors().stream()
                                    .map(f -> "user." + f.field() + " " + f.message())
                                    .collect(Collectors.joining("; ")),
                    request);
        } catch (DuplicateUserException e) {
            throw new RejectedMessageException(e.getMessage(), request);
        } catch (UserNotFoundException e) {
            throw new RejectedMessageException("no user with userName '" + request.userName() + "'", request);
        }
    }

    /** The request in a message whose envelope is readable, else null (for the report row of a dead letter). */
    public QueueRequest read(String body) {
        try {
            return envelope.parse(body);
        } catch (RejectedMessageException e) {
            return e.request();
        }
    }

    /** The report source of a message: {@code queue:<queue>#<JMS message id>}. */
    public String source(String messageId) {
        return "queue:" + queue + "#" + messageId;
    }

    private String create(QueueRequest request, String source, String key) {
        directory.create(users.parse(request.userJson()), targets(request), source, key);
        return "created";
    }

    private String update(QueueRequest request, User user, String source, String key) {
        directory.update(user.id(), users.parseChange(request.userJson(), false), source, key);
        return "updated";
    }

    private String upsert(QueueRequest request, String source, String key) {
        Optional<User> user = directory.findByUserName(request.userName());
        if (user.isPresent()) {
            return update(request, user.get(), source, key);
        }
        try {
            return create(request, source, key);
        } catch (DuplicateUserException e) {
            // created meanwhile by another channel: apply as an update
            return update(request, existing(request), source, key);
        }
    }

    private String delete(QueueRequest request, String source, String key) {
        users.parseChange(
                request.userJson(), false); // the same shape rules as everywhere, even if only userName counts
        directory.update(existing(request).id(), UserPatch.deactivate(), source, key);
        return "deleted";
    }

    /** Queues an activation mail for an active user with an e-mail address, with the request key in its transaction. */
    private String activationMail(QueueRequest request, String source, String key) {
        User user = existing(request);
        if (!user.active() || user.email() == null) {
            throw new RejectedMessageException(
                    "user '" + request.userName() + "' is " + (user.active() ? "without an e-mail address" : "inactive")
                            + "; no activation mail",
                    request);
        }
        mails.enqueue(List.of(user.id()), MailItem.ACTIVATION, source, key);
        return "activation-mail-queued";
    }

    private User existing(QueueRequest request) {
        return directory
                .findByUserName(request.userName())
                .orElseThrow(() ->
                        new RejectedMessageException("no user with userName '" + request.userName() + "'", request));
    }

    /** The applications a new user is linked to: the one named in the message, or all. */
    private List<String> targets(QueueRequest request) {
        if (request.application() == null) {
            return applications;
        }
        if (!applications.contains(request.application())) {
            throw new RejectedMessageException(
                    "unknown application '" + request.application() + "'; configured: "
                            + String.join(", ", applications),
                    request);
        }
        return List.of(request.application());
    }
}
