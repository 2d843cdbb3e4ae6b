package io.provisioning.devx;

import io.provisioning.mapping.AttributeMapping;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.mapping.MappingFileException;
import io.provisioning.mapping.MappingFileLoader;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.ConfigFiles;
import io.provisioning.validation.SalesforceFields;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode's mapping reload: a changed mapping file is read and checked like {@code validate} checks it, and only a
 * valid one replaces the application's mapping (atomically); a broken one is refused and the old mapping stays.
 */
public final class MappingReloader {

    private static final Logger LOG = LoggerFactory.getLogger(MappingReloader.class);

    private final AttributeMappings mappings;
    private final SalesforceApplications applications;

    public MappingReloader(AttributeMappings mappings, SalesforceApplications applications) {
        this.mappings = mappings;
        this.applications = applications;
    }

    /** The folders holding mapping files in the working directory (packaged copies cannot change). */
    public Set<Path> folders() {
        Set<Path> folders = new LinkedHashSet<>();
        for (SalesforceApplication application : applications.all()) {
            Path file = application.mappingFile();
            if (!ConfigFiles.isPackaged(file)) {
                folders.add(file.toAbsolutePath().normalize().getParent());
            }
        }
        return folders;
    }

    /** Reloads the mapping of every application whose mapping file is {@code changed}. */
    public void reload(Path changed) {
        Path target = changed.toAbsolutePath().normalize();
        for (SalesforceApplication application : applications.all()) {
            if (ConfigFiles.isPackaged(application.mappingFile())
                    || !application.mappingFile().toAbsolutePath().normalize().equals(target)) {
                continue;
            }
            try {
                AttributeMapping mapping = MappingFileLoader.load(
                        application.name(),
                        application.mappingFile(),
                        SalesforceFields.of(application.sObject(), application.orgFields()));
                mappings.replace(mapping);
                LOG.info(
                        "Dev mode: reloaded the mapping of application {} from {}",
                        application.name(),
                        application.mappingFile());
            } catch (MappingFileException e) {
                LOG.warn(
                        "Dev mode: refused the changed mapping file; application {} keeps its current mapping. {}",
                        application.name(),
                        e.getMessage());
            }
        }
    }
}
