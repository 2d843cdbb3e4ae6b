package io.provisioning.mapping;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loaded mapping of every application, by application name. In dev mode a validated, edited mapping file
 * replaces an application's mapping while writes run: each write reads one mapping, the old or the new.
 */
public final class AttributeMappings {

    private final Map<String, AttributeMapping> byApplication;

    public AttributeMappings(Map<String, AttributeMapping> byApplication) {
        this.byApplication = new ConcurrentHashMap<>(byApplication);
    }

    /** Swaps in {@code mapping} for its application (which must already have one). */
    public void replace(AttributeMapping mapping) {
        if (byApplication.replace(mapping.application(), mapping) == null) {
            throw new IllegalArgumentException("No attribute mapping for application '" + mapping.application() + "'");
        }
    }

    public AttributeMapping forApplication(String application) {
        AttributeMapping mapping = byApplication.get(application);
        if (mapping == null) {
            throw new IllegalArgumentException("No attribute mapping for application '" + application + "'");
        }
        return mapping;
    }
}
