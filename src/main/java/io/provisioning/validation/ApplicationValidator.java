package io.provisioning.validation;

import io.provisioning.mapping.MappingFileException;
import io.provisioning.mapping.MappingFileLoader;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks each configured application: its settings (name, sObject, switches, authentication), its mapping file
 * (present, well-formed, only fields its sObject has), as the bundle would read them at start-up.
 */
public final class ApplicationValidator {

    private final Settings settings;
    private final SettingsFile settingsFile;

    public ApplicationValidator(Settings settings, SettingsFile settingsFile) {
        this.settings = settings;
        this.settingsFile = settingsFile;
    }

    /** The applications' problems; {@code checkedMappings} receives each mapping file that was read. */
    public List<Problem> check(List<String> checkedMappings) {
        List<Problem> problems = new ArrayList<>();
        List<String> names;
        try {
            names = SalesforceApplications.names(settings);
        } catch (InvalidSettingException e) {
            return List.of(settingsFile.problem(e.key(), e.getMessage()));
        }
        if (names.isEmpty()) {
            return List.of(settingsFile.problem("provisioning.applications", "no application is configured"));
        }
        for (String name : names) {
            try {
                SalesforceApplication application = SalesforceApplications.read(settings, name);
                problems.addAll(checkMapping(application));
                checkedMappings.add(application.mappingFile().toString());
            } catch (InvalidSettingException e) {
                problems.add(settingsFile.problem(e.key(), "provisioning.applications", e.getMessage()));
            }
        }
        return problems;
    }

    /** The mapping file of {@code application}: a missing one is reported at the setting that names it. */
    public List<Problem> checkMapping(SalesforceApplication application) {
        if (!Files.isRegularFile(application.mappingFile())) {
            String key = "provisioning.application." + application.name() + ".mapping";
            return List.of(settingsFile.problem(
                    key,
                    "provisioning.applications",
                    "mapping file " + application.mappingFile() + " of application " + application.name()
                            + " not found"));
        }
        try {
            MappingFileLoader.load(
                    application.name(),
                    application.mappingFile(),
                    SalesforceFields.of(application.sObject(), application.orgFields()));
            return List.of();
        } catch (MappingFileException e) {
            return List.of(new Problem(e.file(), e.line(), e.reason()));
        }
    }
}
