package io.provisioning.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the envelope of a queue message: {@code {"action","user":{…},"application","requestId"}}. Only the envelope
 * is checked here; the {@code user} object is validated by the same parser as the HTTP API.
 */
public class QueueRequestParser {

    static final Set<String> ACTIONS = Set.of(
            QueueRequest.CREATE,
            QueueRequest.UPDATE,
            QueueRequest.UPSERT,
            QueueRequest.DELETE,
            QueueRequest.ACTIVATION_MAIL);
    private static final Set<String> FIELDS = Set.of("action", "user", "application", "requestId");
    private static final int MAX_ID_LENGTH = 200;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final int maxBytes;

    public QueueRequestParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public QueueRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new RejectedMessageException("the message is empty; a JSON object is expected");
        }
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw new RejectedMessageException("the message is " + size + " bytes, more than the limit of " + maxBytes);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RejectedMessageException("the message is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RejectedMessageException("the message must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new RejectedMessageException(
                        "unknown field '" + name + "'; expected action, user, application, requestId");
            }
        }
        String requestId = optionalText(root, "requestId");
        String application = optionalText(root, "application");
        JsonNode user = root.get("user");
        String userName = user != null
                        && user.isObject()
                        && user.path("userName").isTextual()
                        && !user.path("userName").textValue().isBlank()
                ? user.path("userName").textValue().trim()
                : null;
        JsonNode action = root.get("action");
        String actionName = action != null && action.isTextual() ? action.textValue() : null;
        QueueRequest known = new QueueRequest(actionName, userName, null, application, requestId);
        if (actionName == null) {
            throw new RejectedMessageException("action is required: one of " + String.join(", ", sorted()), known);
        }
        if (!ACTIONS.contains(actionName)) {
            throw new RejectedMessageException(
                    "unknown action '" + actionName + "'; expected one of " + String.join(", ", sorted()), known);
        }
        if (user == null || !user.isObject()) {
            throw new RejectedMessageException("user must be a JSON object", known);
        }
        if (userName == null) {
            throw new RejectedMessageException("user.userName is required: it identifies the user", known);
        }
        return new QueueRequest(actionName, userName, user.toString(), application, requestId);
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank() || node.textValue().length() > MAX_ID_LENGTH) {
            throw new RejectedMessageException(
                    field + " must be a non-empty string of at most " + MAX_ID_LENGTH + " characters");
        }
        return node.textValue().trim();
    }

    private static java.util.List<String> sorted() {
        return ACTIONS.stream().sorted().toList();
    }
}
