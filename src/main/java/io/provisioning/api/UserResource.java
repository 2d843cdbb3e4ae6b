package io.provisioning.api;

import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.GroupMemberships;
import io.provisioning.directory.LinkState;
import io.provisioning.directory.NewUser;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import io.provisioning.directory.UserPatch;
import io.provisioning.requests.UserRequestParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Body;
import org.apache.camel.Header;

/** {@code /api/users}: validates requests, writes the directory, and shapes the JSON answers. */
public class UserResource {

    private static final String SOURCE = "api:";

    private final UserRequestParser parser;
    private final UserDirectory directory;
    private final ApplicationLinks links;
    private final Outbox outbox;
    private final List<String> applications;
    private final Function<String, List<GroupMemberships.Group>> groups;
    private final Function<String, Map<String, Object>> entitlements;

    /** @param applications the applications a new user is linked to (each decides by its switches what to do) */
    public UserResource(
            UserRequestParser parser,
            UserDirectory directory,
            ApplicationLinks links,
            Outbox outbox,
            List<String> applications) {
        this(parser, directory, links, outbox, applications, id -> List.of(), id -> Map.of());
    }

    /**
     * @param groups the groups a user belongs to (shown in the user view, so they can be checked before use)
     * @param entitlements issue 20: a user's desired and applied entitlements per application, for the view
     */
    public UserResource(
            UserRequestParser parser,
            UserDirectory directory,
            ApplicationLinks links,
            Outbox outbox,
            List<String> applications,
            Function<String, List<GroupMemberships.Group>> groups,
            Function<String, Map<String, Object>> entitlements) {
        this.groups = groups;
        this.entitlements = entitlements;
        this.parser = parser;
        this.directory = directory;
        this.links = links;
        this.outbox = outbox;
        this.applications = List.copyOf(applications);
    }

    public Map<String, Object> create(@Body String body) {
        NewUser request = parser.parse(body);
        return view(directory.create(request, applications, SOURCE + "POST /api/users"));
    }

    public Map<String, Object> get(@Header("id") String id) {
        return view(directory.get(id));
    }

    /** PUT: the whole profile. */
    public Map<String, Object> replace(@Header("id") String id, @Body String body) {
        return view(directory.update(id, parser.parseChange(body, true), SOURCE + "PUT /api/users/" + id));
    }

    /** PATCH: the fields given. */
    public Map<String, Object> patch(@Header("id") String id, @Body String body) {
        return view(directory.update(id, parser.parseChange(body, false), SOURCE + "PATCH /api/users/" + id));
    }

    /** DELETE: deprovision (Lead/Contact deleted, User deactivated); the user stays in the directory, inactive. */
    public Map<String, Object> delete(@Header("id") String id) {
        return view(directory.update(id, UserPatch.deactivate(), SOURCE + "DELETE /api/users/" + id));
    }

    private Map<String, Object> view(User user) {
        Map<String, Object> view = view(user, links.list(user.id()), outbox.pendingApplications(user.id()));
        view.put(
                "groups",
                groups.apply(user.id()).stream()
                        .map(g -> Map.of("id", g.id(), "displayName", g.displayName()))
                        .toList());
        view.put("entitlements", entitlements.apply(user.id()));
        return view;
    }

    static Map<String, Object> view(User user, List<ApplicationLink> links, Set<String> pending) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", user.id());
        view.put("userName", user.userName());
        view.put("email", user.email());
        view.put("firstName", user.firstName());
        view.put("lastName", user.lastName());
        view.put("company", user.company());
        view.put("customAttributes", user.customAttributes());
        view.put("active", user.active());
        view.put("onboardingStatus", pending.isEmpty() ? user.onboardingStatus() : "provisioning");
        view.put("createdAt", user.createdAt().toString());
        view.put("updatedAt", user.updatedAt().toString());
        view.put(
                "applications",
                links.stream()
                        .map(l -> view(l, pending.contains(l.application())))
                        .toList());
        return view;
    }

    private static Map<String, Object> view(ApplicationLink link, boolean pending) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("application", link.application());
        // Work waiting in the outbox shows as pending; the last outcome stays visible as lastState.
        view.put("state", (pending ? LinkState.PENDING : link.state()).db());
        if (pending && link.state() != LinkState.PENDING) {
            view.put("lastState", link.state().db());
        }
        view.put("recordId", link.recordId());
        if (link.errorCode() != null || link.errorMessage() != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", link.errorCode());
            error.put("message", link.errorMessage());
            view.put(
                    link.errorCode() == null ? "note" : "error",
                    link.errorCode() == null ? link.errorMessage() : error);
        }
        view.put("updatedAt", link.updatedAt().toString());
        return view;
    }
}
