package io.provisioning.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Header;

import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.NewUser;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;

/** {@code /api/users}: validates requests, writes the directory, and shapes the JSON answers. */
public class UserResource {

    private final UserRequestParser parser;
    private final UserDirectory directory;
    private final List<String> provisioningApplications;

    /** @param provisioningApplications the applications a new user is provisioned to (Create switched on) */
    public UserResource(UserRequestParser parser, UserDirectory directory, List<String> provisioningApplications) {
        this.parser = parser;
        this.directory = directory;
        this.provisioningApplications = List.copyOf(provisioningApplications);
    }

    public Map<String, Object> create(@Body String body) {
        NewUser request = parser.parse(body);
        User user = directory.create(request, provisioningApplications, "api:POST /api/users");
        return view(user, directory.links(user.id()));
    }

    public Map<String, Object> get(@Header("id") String id) {
        User user = directory.get(id);
        return view(user, directory.links(id));
    }

    static Map<String, Object> view(User user, List<ApplicationLink> links) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", user.id());
        view.put("userName", user.userName());
        view.put("email", user.email());
        view.put("firstName", user.firstName());
        view.put("lastName", user.lastName());
        view.put("company", user.company());
        view.put("customAttributes", user.customAttributes());
        view.put("active", user.active());
        view.put("onboardingStatus", user.onboardingStatus());
        view.put("createdAt", user.createdAt().toString());
        view.put("updatedAt", user.updatedAt().toString());
        view.put("applications", links.stream().map(UserResource::view).toList());
        return view;
    }

    private static Map<String, Object> view(ApplicationLink link) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("application", link.application());
        view.put("state", link.state());
        view.put("recordId", link.recordId());
        if (link.errorCode() != null) {
            view.put("error", Map.of("code", link.errorCode(), "message", String.valueOf(link.errorMessage())));
        }
        view.put("updatedAt", link.updatedAt().toString());
        return view;
    }
}
