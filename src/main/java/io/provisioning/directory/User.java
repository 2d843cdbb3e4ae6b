package io.provisioning.directory;

import java.time.OffsetDateTime;
import java.util.Map;

/** A user as the directory stores it. Custom attributes are free-form name → value pairs. */
public record User(
        String id,
        String userName,
        String email,
        String firstName,
        String lastName,
        String company,
        Map<String, Object> customAttributes,
        boolean active,
        String onboardingStatus,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /**
     * The value of a directory attribute by name: the standard profile fields first, then the custom attributes.
     * This is what attribute mappings read.
     */
    public Object attribute(String name) {
        return switch (name) {
            case "id" -> id;
            case "userName" -> userName;
            case "email" -> email;
            case "firstName" -> firstName;
            case "lastName" -> lastName;
            case "company" -> company;
            case "active" -> active;
            default -> customAttributes == null ? null : customAttributes.get(name);
        };
    }
}
