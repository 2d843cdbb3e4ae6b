package io.provisioning.plan;

import io.provisioning.bulk.BulkRowParser;
import io.provisioning.bulk.InboxSettings;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.UserDirectory;
import io.provisioning.entitlements.EntitlementsPreview;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.requests.UserRequestParser;
import io.provisioning.salesforce.SalesforceApplications;
import java.util.Set;
import org.apache.camel.spi.Registry;

/**
 * Wires the dry run (issue 17, item 4): {@code dryRunResource} ({@code /api/users?dryRun=true}) and {@code planFiles}
 * (plan files in {@code <inbox>/plan/}, with the inbox's own size and age rules).
 */
public final class PlanFeature {

    private PlanFeature() {}

    public static void wire(
            Registry registry,
            InboxSettings inbox,
            Set<String> requiredFields,
            UserRequestParser parser,
            UserDirectory directory,
            ApplicationLinks links,
            SalesforceApplications applications,
            AttributeMappings mappings,
            EntitlementsPreview entitlements) {
        ChangePlanner planner = new ChangePlanner(applications, mappings, links, entitlements);
        registry.bind("dryRunResource", new DryRunResource(parser, directory, planner, applications.names()));
        registry.bind(
                "planFiles",
                new PlanFiles(
                        new PlanFiles.Settings(
                                inbox.folder().resolve("plan"),
                                inbox.maxFileBytes(),
                                inbox.minAge(),
                                requiredFields,
                                applications.names()),
                        new BulkRowParser(parser),
                        directory,
                        planner));
    }
}
