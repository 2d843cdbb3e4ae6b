package io.provisioning.scim;

import io.provisioning.directory.UserDirectory;
import io.provisioning.entitlements.ScimRoles;
import io.provisioning.requests.UserRequestParser;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the SCIM 2.0 server (issue 8): the beans of the {@code scim-*} routes. */
public final class ScimFeature {

    private static final Logger LOG = LoggerFactory.getLogger(ScimFeature.class);

    private ScimFeature() {}

    public static void wire(
            CamelContext context,
            ScimSettings settings,
            DataSource dataSource,
            UserDirectory directory,
            List<String> applications,
            ScimRoles roles,
            Set<String> groupMappedApplications)
            throws Exception {
        Registry registry = context.getRegistry();
        ScimTokenGuard guard = new ScimTokenGuard(settings.tokens(), settings.adminProviders());
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
        // issue 20: members of groups that give entitlements get an entitlement step when their groups change
        ScimGroupStore.MembersChanged membersChanged = (connection, userIds) ->
                directory.entitlementsChanged(connection, userIds, groupMappedApplications, "scim:Groups");
        int maxCount = settings.maxPageSize();
        int defaultCount = settings.defaultPageSize();
        ScimHttp http = new ScimHttp(settings.baseUrl());
        registry.bind("scimTokenGuard", guard);
        registry.bind("scimErrors", new ScimErrors(http));
        registry.bind(
                "scimUsers",
                new ScimUsers(
                        directory,
                        new ScimUserStore(dataSource),
                        new ScimUserMapper(settings.defaultCompany()),
                        parser,
                        http,
                        applications,
                        defaultCount,
                        maxCount,
                        roles));
        registry.bind(
                "scimGroups",
                new ScimGroups(new ScimGroupStore(dataSource, membersChanged), http, defaultCount, maxCount));
        registry.bind("scimDiscovery", new ScimDiscovery(http, maxCount));
        ScimPathCase.register(context);
    }
}
