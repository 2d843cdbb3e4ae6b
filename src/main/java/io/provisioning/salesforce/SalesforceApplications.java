package io.provisioning.salesforce;

import io.provisioning.support.ConfigFiles;
import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured applications, read from {@code provisioning.applications} and
 * {@code provisioning.application.<name>.*}.
 */
public final class SalesforceApplications {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    private final Map<String, SalesforceApplication> byName;

    public SalesforceApplications(List<SalesforceApplication> applications) {
        Map<String, SalesforceApplication> map = new LinkedHashMap<>();
        applications.forEach(a -> map.put(a.name(), a));
        this.byName = java.util.Collections.unmodifiableMap(map);
    }

    public static SalesforceApplications fromSettings(Settings settings) {
        List<SalesforceApplication> applications =
                names(settings).stream().map(name -> read(settings, name)).toList();
        return new SalesforceApplications(applications);
    }

    /** The names in {@code provisioning.applications}. */
    public static List<String> names(Settings settings) {
        return settings.getList("provisioning.applications");
    }

    /** One application's definition; an unusable setting throws {@link InvalidSettingException} naming its key. */
    public static SalesforceApplication read(Settings settings, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSettingException(
                    "provisioning.applications",
                    "Application name '" + name + "' must be lower-case letters, digits and -");
        }
        String prefix = "provisioning.application." + name + ".";
        String sObject = settings.get(prefix + "sobject");
        if (!SalesforceApplication.TARGETS.contains(sObject)) {
            throw new InvalidSettingException(
                    prefix + "sobject",
                    prefix + "sobject must be one of " + new java.util.TreeSet<>(SalesforceApplication.TARGETS)
                            + ", got '" + sObject + "'");
        }
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        for (Feature feature : Feature.values()) {
            // the switches' defaults (password sync off, the rest on) are in the packaged defaults
            if (settings.getBoolean(prefix + "features." + feature.settingName())) {
                features.add(feature);
            }
        }
        SalesforceApplication.Connection connection = ConnectionSettings.read(settings, prefix);
        boolean userTarget = "User".equals(sObject);
        // a User import reads people only: not the Automated Process, integration, partner or guest users
        var matching = new SalesforceApplication.Matching(
                settings.find(prefix + "match.field").orElse(userTarget ? "Username" : "Email"),
                settings.find(prefix + "match.attribute").orElse(userTarget ? "userName" : "email"),
                settings.find(prefix + "import.filter").orElse(userTarget ? "UserType = 'Standard'" : ""));
        Path mapping =
                ConfigFiles.resolve(settings.find(prefix + "mapping").orElse("config/mappings/" + name + ".yaml"));
        String externalIdField = settings.find(prefix + "external-id-field").orElse(null);
        if (externalIdField != null && !externalIdField.matches("[A-Za-z][A-Za-z0-9_]*__c")) {
            throw new InvalidSettingException(
                    prefix + "external-id-field",
                    prefix + "external-id-field must name a custom field (ending in __c), got '" + externalIdField
                            + "'");
        }
        var idempotence = new SalesforceApplication.Idempotence(
                externalIdField,
                Optional.of(settings.getList(prefix + "in-doubt.match-fields"))
                        .filter(fields -> !fields.isEmpty())
                        .orElseGet(() -> SalesforceApplication.Idempotence.defaultMatchFields(sObject)));
        return new SalesforceApplication(
                name,
                sObject,
                mapping,
                Set.copyOf(features),
                connection,
                matching,
                settings.findInt(prefix + "emulator-port").orElse(-1),
                Set.copyOf(settings.getList(prefix + "org-fields")),
                idempotence,
                OnDuplicate.parse(prefix + "on-duplicate", settings.get(prefix + "on-duplicate")));
    }

    public List<SalesforceApplication> all() {
        return List.copyOf(byName.values());
    }

    /** The configured applications' names, in the order of {@code provisioning.applications}. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The applications that target the User object: the only ones with entitlements (issue 20). */
    public java.util.Set<String> userApplications() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        byName.values().stream().filter(a -> "User".equals(a.sObject())).forEach(a -> names.add(a.name()));
        return names;
    }

    public SalesforceApplication get(String name) {
        SalesforceApplication application = byName.get(name);
        if (application == null) {
            throw new UnknownApplicationException(name);
        }
        return application;
    }

    /** Names of the applications with {@code feature} switched on. */
    public List<String> withFeature(Feature feature) {
        return byName.values().stream()
                .filter(a -> a.enabled(feature))
                .map(SalesforceApplication::name)
                .toList();
    }
}
