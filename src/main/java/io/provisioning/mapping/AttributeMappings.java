package io.provisioning.mapping;

import java.util.Map;

/** The loaded mapping of every application, by application name. */
public final class AttributeMappings {

    private final Map<String, AttributeMapping> byApplication;

    public AttributeMappings(Map<String, AttributeMapping> byApplication) {
        this.byApplication = Map.copyOf(byApplication);
    }

    public AttributeMapping forApplication(String application) {
        AttributeMapping mapping = byApplication.get(application);
        if (mapping == null) {
            throw new IllegalArgumentException("No attribute mapping for application '" + application + "'");
        }
        return mapping;
    }
}
