package io.provisioning;

import io.provisioning.directory.UserDirectory;
import io.provisioning.requests.UserRequestParser;
import io.provisioning.scim.ScimDiscovery;
import io.provisioning.scim.ScimErrors;
import io.provisioning.scim.ScimGroupStore;
import io.provisioning.scim.ScimGroups;
import io.provisioning.scim.ScimHttp;
import io.provisioning.scim.ScimPathCase;
import io.provisioning.scim.ScimTokenGuard;
import io.provisioning.scim.ScimUserMapper;
import io.provisioning.scim.ScimUserStore;
import io.provisioning.scim.ScimUsers;
import io.provisioning.support.Settings;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start-up wiring of the SCIM 2.0 server (issue 8): the beans of the {@code scim-*} routes. */
final class ScimWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ScimWiring.class);

    private ScimWiring() {}

    static void register(
            CamelContext context,
            Settings settings,
            DataSource dataSource,
            UserDirectory directory,
            List<String> applications)
            throws Exception {
        Registry registry = context.getRegistry();
        ScimTokenGuard guard = new ScimTokenGuard(
                settings.getList("provisioning.scim.tokens"), settings.getList("provisioning.scim.admin-providers"));
        LOG.info(
                guard.enabled()
                        ? "SCIM 2.0: enabled at /scim/v2 for providers "
                                + guard.providers().stream()
                                        .map(p -> p.name() + (p.admin() ? " (admin)" : ""))
                                        .toList()
                        : "SCIM 2.0: disabled (no provisioning.scim.tokens)");
        // SCIM rows written before owners existed (V14): the only provider's, or left to admins with a warning
        ScimOwnerAdoption.run(dataSource, guard.providers());
        // RFC 7643 requires only userName; what each application needs is checked when its write is planned (issue 19)
        UserRequestParser parser = new UserRequestParser(Set.of("userName"));
        int maxCount = settings.getInt("provisioning.scim.max-page-size");
        int defaultCount = Math.min(maxCount, settings.getInt("provisioning.scim.default-page-size"));
        ScimHttp http = new ScimHttp(settings.get("provisioning.scim.base-url"));
        registry.bind("scimTokenGuard", guard);
        registry.bind("scimErrors", new ScimErrors(http));
        registry.bind(
                "scimUsers",
                new ScimUsers(
                        directory,
                        new ScimUserStore(dataSource),
                        new ScimUserMapper(settings.get("provisioning.scim.default-company")),
                        parser,
                        http,
                        applications,
                        defaultCount,
                        maxCount));
        registry.bind("scimGroups", new ScimGroups(new ScimGroupStore(dataSource), http, defaultCount, maxCount));
        registry.bind("scimDiscovery", new ScimDiscovery(http, maxCount));
        ScimPathCase.register(context);
    }
}
