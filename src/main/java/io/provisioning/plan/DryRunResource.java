package io.provisioning.plan;

import io.provisioning.directory.NewUser;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.directory.UserPatch;
import io.provisioning.requests.InvalidRequestException;
import io.provisioning.requests.UserRequestParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * {@code /api/users?dryRun=true} on POST, PUT, PATCH and DELETE: the answer the real request would get and, per
 * application, what would be sent. Reads the directory; never writes it and never calls Salesforce.
 */
public class DryRunResource {

    private final UserRequestParser parser;
    private final UserDirectory directory;
    private final ChangePlanner planner;
    private final List<String> applications;

    /** @param applications the applications a new user is linked to, as in {@code api.UserResource} */
    public DryRunResource(
            UserRequestParser parser, UserDirectory directory, ChangePlanner planner, List<String> applications) {
        this.parser = parser;
        this.directory = directory;
        this.planner = planner;
        this.applications = List.copyOf(applications);
    }

    public Map<String, Object> plan(
            @Header("CamelHttpMethod") String method, @Header("id") String id, @Body String body) {
        String verb = method == null ? "POST" : method.toUpperCase(java.util.Locale.ROOT);
        if ("POST".equals(verb)) {
            return create(body);
        }
        User before = directory.get(id); // an unknown user is the real request's 404
        try {
            UserPatch patch =
                    switch (verb) {
                        case "PUT" -> parser.parseChange(body, true);
                        case "PATCH" -> parser.parseChange(body, false);
                        default -> UserPatch.deactivate();
                    };
            Map<String, Object> answer =
                    answer(verb, "DELETE".equals(verb) ? 202 : 200, before.id(), planner.forChange(before, patch));
            withEntitlements(
                    answer,
                    planner.entitlementChanges(
                            before.id(),
                            patch.applyTo(before).active(),
                            patch.entitlements(),
                            planner.linkedApplications(before.id())));
            return answer;
        } catch (InvalidRequestException e) {
            return invalid(verb, before.id(), planner.linkedApplications(before.id()), e);
        }
    }

    private Map<String, Object> create(String body) {
        NewUser request;
        try {
            request = parser.parse(body);
        } catch (InvalidRequestException e) {
            return invalid("POST", null, applications, e);
        }
        if (directory.findByUserName(request.userName()).isPresent()) {
            Map<String, Object> answer = answer(
                    "POST", 409, null, ChangePlanner.invalid(applications, "a user with this userName already exists"));
            answer.put("error", "conflict");
            return answer;
        }
        Map<String, Object> answer = answer("POST", 201, null, planner.forNewUser(request, applications));
        withEntitlements(answer, planner.entitlementChanges(null, true, request.entitlements(), applications));
        return answer;
    }

    /** Adds {@code entitlements}: per application, what its entitlement step would add and remove, when any. */
    private static void withEntitlements(
            Map<String, Object> answer, Map<String, io.provisioning.entitlements.EntitlementsPreview.Change> changes) {
        if (!changes.isEmpty()) {
            answer.put("entitlements", changes);
        }
    }

    private static Map<String, Object> invalid(
            String verb, String userId, List<String> concerned, InvalidRequestException e) {
        String reason = e.getFieldErrors().stream()
                .map(f -> f.field() + ": " + f.message())
                .collect(Collectors.joining("; "));
        Map<String, Object> answer =
                answer(verb, 400, userId, ChangePlanner.invalid(concerned, reason.isEmpty() ? e.getMessage() : reason));
        answer.put("error", "invalid_request");
        answer.put("fieldErrors", e.getFieldErrors());
        return answer;
    }

    private static Map<String, Object> answer(String verb, int status, String userId, List<PlannedStep> steps) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dryRun", true);
        answer.put("method", verb);
        // the status the same request without dryRun would get
        answer.put("wouldAnswer", status);
        if (userId != null) {
            answer.put("userId", userId);
        }
        answer.put("writes", steps.stream().filter(PlannedStep::writes).count());
        answer.put("plan", steps.stream().map(PlannedStep::toJson).toList());
        return answer;
    }
}
