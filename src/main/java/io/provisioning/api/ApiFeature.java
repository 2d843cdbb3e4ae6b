package io.provisioning.api;

import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.GroupMemberships;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.UserDirectory;
import io.provisioning.requests.UserRequestParser;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.SalesforceImporter;
import java.util.List;
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
            Jobs jobs)
            throws Exception {
        Registry registry = context.getRegistry();
        registry.bind("bearerTokenGuard", new BearerTokenGuard(apiToken));
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
                        id -> GroupMemberships.of(dataSource, id)));
        registry.bind("applicationResource", new ApplicationResource(applications, importer, jobs));
        registry.bind("errorResponses", new ErrorResponses());
        // HTTP exposure (issue 15): header policy of every route, allowed Host names (421), what is open where.
        HttpExposure.register(context, settings, publicUrls);
        OversizedBodyAnswer.register(context, settings.maxBodySize());
    }
}
