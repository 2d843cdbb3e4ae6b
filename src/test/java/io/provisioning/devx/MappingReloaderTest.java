package io.provisioning.devx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.provisioning.mapping.AttributeMappings;
import io.provisioning.mapping.MappingFileLoader;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingReloaderTest {

    @TempDir
    Path folder;

    @Test
    void aValidChangeReplacesTheMappingAndABrokenOneKeepsIt() throws Exception {
        Path file = folder.resolve("contacts.yaml");
        Files.writeString(file, "fields:\n  LastName: lastName\n");
        SalesforceApplication contacts = new SalesforceApplication(
                "contacts",
                "Contact",
                file,
                Set.of(),
                new SalesforceApplication.Connection(
                        "emulator",
                        io.provisioning.salesforce.AuthFlow.CLIENT_CREDENTIALS,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "65.0"),
                new SalesforceApplication.Matching("Email", "email"),
                -1,
                Set.of());
        AttributeMappings mappings =
                new AttributeMappings(Map.of("contacts", MappingFileLoader.load("contacts", file)));
        MappingReloader reloader = new MappingReloader(mappings, new SalesforceApplications(List.of(contacts)));
        assertEquals(Set.of(folder.toAbsolutePath().normalize()), reloader.folders());

        Files.writeString(file, "fields:\n  LastName: lastName\n  Department: { constant: Research }\n");
        reloader.reload(file);
        assertEquals(
                List.of("LastName", "Department"),
                mappings.forApplication("contacts").targets());

        // Company is a Lead field, not a Contact one: refused, the last good mapping stays
        Files.writeString(file, "fields:\n  LastName: lastName\n  Company: company\n");
        reloader.reload(file);
        assertEquals(
                List.of("LastName", "Department"),
                mappings.forApplication("contacts").targets());

        // another file in the folder is no application's mapping: nothing changes
        Files.writeString(folder.resolve("other.yaml"), "fields:\n  LastName: lastName\n");
        reloader.reload(folder.resolve("other.yaml"));
        assertEquals(
                List.of("LastName", "Department"),
                mappings.forApplication("contacts").targets());
    }
}
