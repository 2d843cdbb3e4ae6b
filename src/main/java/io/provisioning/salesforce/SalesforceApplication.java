package io.provisioning.salesforce;

import java.nio.file.Path;
import java.util.Set;

/**
 * One named Salesforce connection and what the bundle does with it: target sObject, mapping file, feature switches.
 * The application's name is also the name of its camel-salesforce component.
 */
public record SalesforceApplication(String name, String sObject, Path mappingFile, Set<Feature> features,
        Connection connection) {

    public static final Set<String> TARGETS = Set.of("Lead", "Contact", "User");

    /** How to log in. {@code loginUrl} null means: use the built-in emulator. */
    public record Connection(String loginUrl, String authenticationType, String userName, String password,
            String clientId, String clientSecret) {

        public boolean emulated() {
            return loginUrl == null;
        }
    }

    public boolean enabled(Feature feature) {
        return features.contains(feature);
    }

    public String componentName() {
        return name;
    }
}
