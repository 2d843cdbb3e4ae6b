package io.provisioning;

import io.provisioning.api.DryRunResource;
import io.provisioning.bulk.BulkRowParser;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.UserDirectory;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.plan.ChangePlanner;
import io.provisioning.plan.PlanFiles;
import io.provisioning.requests.UserRequestParser;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.apache.camel.spi.Registry;

/** Start-up wiring of the dry run (issue 17, item 4): {@code /api/users?dryRun=true} and plan files. */
final class DryRunWiring {

    private DryRunWiring() {}

    static void register(
            Registry registry,
            Settings settings,
            UserRequestParser parser,
            UserDirectory directory,
            ApplicationLinks links,
            SalesforceApplications applications,
            AttributeMappings mappings) {
        List<String> names =
                applications.all().stream().map(SalesforceApplication::name).toList();
        ChangePlanner planner = new ChangePlanner(applications, mappings, links);
        registry.bind("dryRunResource", new DryRunResource(parser, directory, planner, names));
        registry.bind(
                "planFiles",
                new PlanFiles(
                        new PlanFiles.Settings(
                                Path.of(settings.require("provisioning.inbox")).resolve("plan"),
                                settings.getLong("provisioning.inbox.max-file-bytes", 1L << 30),
                                Duration.ofMillis(settings.getLong("provisioning.inbox.min-age-ms", 2000)),
                                new HashSet<>(settings.getList(
                                        "provisioning.users.required-fields", "userName,email,lastName,company")),
                                names),
                        new BulkRowParser(parser),
                        directory,
                        planner));
    }
}
