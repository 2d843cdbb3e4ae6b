package io.provisioning.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.password.MailItem;
import io.provisioning.password.MailQueue;
import io.provisioning.requests.FieldError;
import io.provisioning.requests.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;

/**
 * {@code POST /api/activation-mails}: {@code {"userIds":[…]}} or {@code {"onboardingStatus":"provisioned"}} queues one
 * activation mail per active user with an e-mail address; the answer (202) lists what was queued and what was not.
 */
public class ActivationMailResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;
    private static final String SOURCE = "api:POST /api/activation-mails";

    private final UserDirectory directory;
    private final MailQueue queue;

    public ActivationMailResource(UserDirectory directory, MailQueue queue) {
        this.directory = directory;
        this.queue = queue;
    }

    public Map<String, Object> request(@Body String body) {
        JsonNode request = parse(body);
        List<User> users = new ArrayList<>();
        if (request.has("userIds")) {
            JsonNode ids = request.get("userIds");
            if (!ids.isArray() || ids.isEmpty() || request.size() != 1) {
                throw invalid("userIds must be a non-empty array, and the only field");
            }
            Set<String> unique = new LinkedHashSet<>();
            ids.forEach(id -> unique.add(id.asText()));
            for (String id : unique) {
                users.add(directory.get(id));
            }
        } else if (request.has("onboardingStatus")
                && request.size() == 1
                && request.get("onboardingStatus").isTextual()) {
            String status = request.get("onboardingStatus").asText();
            for (int offset = 0; ; offset += PAGE) {
                List<User> page = directory.list(status, offset, PAGE);
                users.addAll(page);
                if (page.size() < PAGE) {
                    break;
                }
            }
        } else {
            throw invalid("Give either userIds or onboardingStatus");
        }
        List<String> queued = new ArrayList<>();
        List<Map<String, String>> skipped = new ArrayList<>();
        for (User user : users) {
            String reason = !user.active() ? "inactive" : user.email() == null ? "no e-mail address" : null;
            if (reason == null) {
                queued.add(user.id());
            } else {
                skipped.add(Map.of("id", user.id(), "reason", reason));
            }
        }
        queue.enqueue(queued, MailItem.ACTIVATION, SOURCE);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queued", queued);
        answer.put("skipped", skipped);
        return answer;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw invalid("The body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw invalid("The body is not valid JSON");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, List.of(new FieldError("body", message)));
    }
}
