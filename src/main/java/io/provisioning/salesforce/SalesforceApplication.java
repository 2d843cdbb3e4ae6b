package io.provisioning.salesforce;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One named Salesforce connection and what the bundle does with it: target sObject, mapping file, feature switches.
 * The application's name is also the name of its camel-salesforce component. {@code orgFields} names fields of the
 * org's sObject that checks without a connection cannot know (standard fields outside the bundle's list);
 * {@code onDuplicate} what a create refused by the org's duplicate rules becomes.
 */
public record SalesforceApplication(
        String name,
        String sObject,
        Path mappingFile,
        Set<Feature> features,
        Connection connection,
        Matching matching,
        int emulatorPort,
        Set<String> orgFields,
        Idempotence idempotence,
        OnDuplicate onDuplicate) {

    public static final Set<String> TARGETS = Set.of("Lead", "Contact", "User");

    /** An application that links a create refused as a duplicate to the matched record (the default). */
    public SalesforceApplication(
            String name,
            String sObject,
            Path mappingFile,
            Set<Feature> features,
            Connection connection,
            Matching matching,
            int emulatorPort,
            Set<String> orgFields,
            Idempotence idempotence) {
        this(
                name,
                sObject,
                mappingFile,
                features,
                connection,
                matching,
                emulatorPort,
                orgFields,
                idempotence,
                OnDuplicate.LINK);
    }

    /** An application without an external-id field: in-doubt creates are looked up by the default match fields. */
    public SalesforceApplication(
            String name,
            String sObject,
            Path mappingFile,
            Set<Feature> features,
            Connection connection,
            Matching matching,
            int emulatorPort,
            Set<String> orgFields) {
        this(
                name,
                sObject,
                mappingFile,
                features,
                connection,
                matching,
                emulatorPort,
                orgFields,
                new Idempotence(null, Idempotence.defaultMatchFields(sObject)));
    }

    /**
     * How a create is kept from happening twice when its answer is lost: an upsert on {@code externalIdField} (a
     * unique external-id field of the sObject carrying the directory user's id), or, without one, a lookup of the
     * record an earlier attempt may have created, by {@code matchFields}.
     */
    public record Idempotence(String externalIdField, List<String> matchFields) {

        public Idempotence {
            matchFields = List.copyOf(matchFields);
        }

        public boolean upserts() {
            return externalIdField != null;
        }

        /** Email + LastName for Leads and Contacts, Username (unique in Salesforce) for Users. */
        public static List<String> defaultMatchFields(String sObject) {
            return "User".equals(sObject) ? List.of("Username") : List.of("Email", "LastName");
        }
    }

    /**
     * How users are matched between the directory and the application's records on import: Salesforce field
     * {@code field} against directory attribute {@code attribute}, case-insensitive; {@code importFilter} is a SOQL
     * condition that an imported record must meet (empty: every record).
     */
    public record Matching(String field, String attribute, String importFilter) {

        public Matching(String field, String attribute) {
            this(field, attribute, "");
        }
    }

    /**
     * How to log in. {@code loginUrl} is the org's login URL, or {@link #EMULATOR} for the built-in emulator (whose
     * own client and user then stand in for credentials left empty). Secrets are never part of {@link #toString()}.
     */
    public record Connection(
            String loginUrl,
            AuthFlow flow,
            String userName,
            String password,
            String clientId,
            String clientSecret,
            String refreshToken,
            Jwt jwt,
            String instanceUrl,
            String apiVersion) {

        public static final String EMULATOR = "emulator";

        public boolean emulated() {
            return EMULATOR.equals(loginUrl);
        }

        /** The flow's name as settings and camel-salesforce spell it. */
        public String authenticationType() {
            return flow.name();
        }

        @Override
        public String toString() {
            return "Connection[" + loginUrl + ", " + flow + ", user " + userName + ", client " + clientId + ", API "
                    + apiVersion + "]";
        }
    }

    /**
     * The JWT bearer key: a keystore (PKCS12 or JKS) with the private key whose certificate the org's app holds;
     * {@code alias} picks the entry when there are several; {@code audience} defaults to the login URL.
     */
    public record Jwt(
            java.nio.file.Path keystore, String keystoreType, String keystorePassword, String alias, String audience) {

        @Override
        public String toString() {
            return "Jwt[" + keystore + ", " + keystoreType + ", alias " + alias + ", audience " + audience + "]";
        }
    }

    public boolean enabled(Feature feature) {
        return features.contains(feature);
    }

    public String componentName() {
        return name;
    }
}
