package io.provisioning.api;

import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.FileJobs;
import io.provisioning.directory.GroupMemberships;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.UserDirectory;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.requests.UserRequestParser;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.SalesforceImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Wires the HTTP API: the bearer token guards, the user and application resources, the error answers, and what the
 * server exposes ({@link HttpExposure}, {@link OversizedBodyAnswer}).
 */
public final class ApiFeature {

    private ApiFeature() {}

    /**
     * What the console's calls need: its sessions (a credential besides the token), the mappings it shows, and the
     * inbox its uploads go to with their size limit.
     */
    public record Console(SessionCredential sessions, AttributeMappings mappings, Path inbox, long maxUploadBytes) {}

    /**
     * @param publicUrls the addresses other features publish (reset page, SCIM base URL), answered as hosts
     */
    public static void wire(
            CamelContext context,
            HttpSettings settings,
            List<String> publicUrls,
            String apiToken,
            DataSource dataSource,
            UserRequestParser parser,
            UserDirectory directory,
            ApplicationLinks links,
            Outbox outbox,
            SalesforceApplications applications,
            SalesforceImporter importer,
            Jobs jobs,
            Console console,
            Function<String, Map<String, Object>> entitlements)
            throws Exception {
        Registry registry = context.getRegistry();
        // a signed-in console session is a second credential of /api (issue 22)
        BearerTokenGuard guard = new BearerTokenGuard(apiToken, console.sessions());
        registry.bind("bearerTokenGuard", guard);
        registry.bind(
                "observeTokenGuard",
                settings.observeRequiresToken() ? new BearerTokenGuard(apiToken) : BearerTokenGuard.OPEN);
        registry.bind(
                "userResource",
                new UserResource(
                        parser,
                        directory,
                        links,
                        outbox,
                        applications.names(),
                        id -> GroupMemberships.of(dataSource, id),
                        entitlements));
        registry.bind("applicationResource", new ApplicationResource(applications, importer, jobs));
        // what the console's screens need besides the rest of the API (issue 22)
        registry.bind("mappingResource", new MappingResource(applications, console.mappings()));
        registry.bind("bulkFileResource", new BulkFileResource(new FileJobs(dataSource), jobs));
        BulkUpload.register(context, guard, console.inbox(), console.maxUploadBytes());
        registry.bind("errorResponses", new ErrorResponses());
        // HTTP exposure (issue 15): header policy of every route, allowed Host names (421), what is open where.
        HttpExposure.register(context, settings, publicUrls);
        OversizedBodyAnswer.register(context, settings.maxBodySize());
    }
}
