package io.provisioning.directory;

import java.util.Map;

/** A validated request to add a user to the directory. */
public record NewUser(
        String userName,
        String email,
        String firstName,
        String lastName,
        String company,
        Map<String, Object> customAttributes) {}
