package io.provisioning.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

/** A user's application links as {@code GET /api/users/{id}} shows them. */
public final class Links {

    private Links() {}

    public static JsonNode link(JsonNode user, String application) {
        for (JsonNode link : user.path("applications")) {
            if (link.path("application").asText().equals(application)) {
                return link;
            }
        }
        throw new AssertionError("no link to " + application + " in " + user);
    }

    public static String state(JsonNode user, String application) {
        return link(user, application).path("state").asText();
    }

    public static String recordId(JsonNode user, String application) {
        return link(user, application).path("recordId").asText();
    }
}
