package io.provisioning.api;

import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.password.ActivationStates;
import io.provisioning.requests.FieldError;
import io.provisioning.requests.InvalidRequestException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Header;

/** {@code GET /api/users?onboardingStatus=…&q=…&offset=…&limit=…}: a page of users, oldest first. */
public class UserListResource {

    static final Set<String> STATUSES = Set.of(
            "created",
            "provisioning",
            "provisioned",
            "failed",
            "deprovisioned",
            ActivationStates.MAIL_PENDING,
            ActivationStates.INVITED,
            ActivationStates.ACTIVATED);
    private static final int MAX_LIMIT = 200;
    private static final int MAX_SEARCH = 255;

    private final UserDirectory directory;
    private final ApplicationLinks links;
    private final Outbox outbox;
    private final ActivationStates activation;

    public UserListResource(
            UserDirectory directory, ApplicationLinks links, Outbox outbox, ActivationStates activation) {
        this.directory = directory;
        this.links = links;
        this.outbox = outbox;
        this.activation = activation;
    }

    public Map<String, Object> list(
            @Header("onboardingStatus") String status,
            @Header("q") String search,
            @Header("offset") String offset,
            @Header("limit") String limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw invalid(
                    "onboardingStatus",
                    "must be one of " + STATUSES.stream().sorted().toList());
        }
        if (search != null && search.length() > MAX_SEARCH) {
            throw invalid("q", "must be at most " + MAX_SEARCH + " characters");
        }
        int from = number("offset", offset, 0, Integer.MAX_VALUE, 0);
        int size = number("limit", limit, 1, MAX_LIMIT, 50);
        List<User> users = directory.list(status, search, from, size);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("offset", from);
        page.put("limit", size);
        page.put("users", users.stream().map(this::view).toList());
        if (users.size() == size) {
            page.put(
                    "next",
                    "/api/users?" + (status == null ? "" : "onboardingStatus=" + status + "&")
                            + (search == null || search.isBlank()
                                    ? ""
                                    : "q=" + URLEncoder.encode(search, StandardCharsets.UTF_8) + "&")
                            + "offset=" + (from + size) + "&limit=" + size);
        }
        return page;
    }

    private Map<String, Object> view(User user) {
        Map<String, Object> view =
                UserResource.view(user, links.list(user.id()), outbox.pendingApplications(user.id()));
        if (ActivationStates.FAILED.equals(user.onboardingStatus())) {
            String reason = activation.reason(user.id());
            if (reason != null) {
                view.put("onboardingReason", reason);
            }
        }
        return view;
    }

    private static int number(String name, String value, int min, int max, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "must be a whole number from " + min + " to " + max);
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("Invalid query parameter " + field, List.of(new FieldError(field, message)));
    }
}
