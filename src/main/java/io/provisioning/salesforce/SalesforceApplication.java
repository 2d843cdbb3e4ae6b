package io.provisioning.salesforce;

import java.nio.file.Path;
import java.util.Set;

/**
 * One named Salesforce connection and what the bundle does with it: target sObject, mapping file, feature switches.
 * The application's name is also the name of its camel-salesforce component. {@code orgFields} names fields of the
 * org's sObject that checks without a connection cannot know (standard fields outside the bundle's list).
 */
public record SalesforceApplication(String name, String sObject, Path mappingFile, Set<Feature> features,
        Connection connection, Matching matching, int emulatorPort, Set<String> orgFields) {

    public static final Set<String> TARGETS = Set.of("Lead", "Contact", "User");

    /**
     * How users are matched between the directory and the application's records on import: Salesforce field
     * {@code field} against directory attribute {@code attribute}, case-insensitive.
     */
    public record Matching(String field, String attribute) {
    }

    /** How to log in. {@code loginUrl} null means: use the built-in emulator. */
    public record Connection(String loginUrl, String authenticationType, String userName, String password,
            String clientId, String clientSecret, String jwtKeystore, String jwtKeystorePassword) {

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
