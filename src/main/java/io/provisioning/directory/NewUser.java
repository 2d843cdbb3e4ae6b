package io.provisioning.directory;

import io.provisioning.entitlements.Entitlements;
import java.util.Map;

/** A validated request to add a user to the directory, with its entitlements per application (issue 20). */
public record NewUser(
        String userName,
        String email,
        String firstName,
        String lastName,
        String company,
        Map<String, Object> customAttributes,
        Map<String, Entitlements> entitlements) {

    public NewUser {
        entitlements = entitlements == null ? Map.of() : Map.copyOf(entitlements);
    }

    public NewUser(
            String userName,
            String email,
            String firstName,
            String lastName,
            String company,
            Map<String, Object> customAttributes) {
        this(userName, email, firstName, lastName, company, customAttributes, Map.of());
    }
}
