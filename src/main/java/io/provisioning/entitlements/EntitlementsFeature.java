package io.provisioning.entitlements;

import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.UserDirectory;
import io.provisioning.directory.UserEntitlements;
import io.provisioning.salesforce.NameResolver;
import io.provisioning.salesforce.RetryPolicy;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.UserFieldsHook;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/**
 * Wires issue 20 (docs/entitlements.md): binds {@code entitlementStep} (route {@code salesforce-entitlements}) and
 * returns what the others need: the request parser's entitlements part, the user writes' profile and role fields,
 * the store (the user view) and the SCIM roles table.
 */
public final class EntitlementsFeature {

    private EntitlementsFeature() {}

    public record Wired(
            EntitlementsParser parser,
            UserFieldsHook userFields,
            UserEntitlements store,
            ScimRoles scimRoles,
            Set<String> groupMappedApplications,
            Function<String, Map<String, Object>> view,
            EntitlementsPreview preview) {}

    public static Wired wire(
            CamelContext context,
            EntitlementSettings settings,
            DataSource dataSource,
            UserDirectory directory,
            ApplicationLinks links,
            Outbox outbox,
            SalesforceApplications applications,
            NameResolver names,
            RetryPolicy retry) {
        UserEntitlements store = new UserEntitlements(dataSource);
        GroupGrants groups = new ScimGroupGrants(dataSource, settings);
        Set<String> userApplications = applications.userApplications();
        context.getRegistry()
                .bind(
                        "entitlementStep",
                        new EntitlementStep(
                                directory,
                                links,
                                store,
                                groups,
                                applications,
                                names,
                                new CamelGrantCalls(context.createProducerTemplate()),
                                outbox,
                                retry));
        Set<String> groupApps = new TreeSet<>();
        settings.groups().values().forEach(ts -> ts.forEach(t -> groupApps.add(t.application())));
        return new Wired(
                new EntitlementsParser(userApplications, applications.names()),
                new UserAccessFields(store, groups, names),
                store,
                new ScimRoles(settings.roles(), userApplications),
                groupApps,
                new EntitlementsView(store, groups, userApplications),
                new EntitlementsPreview(store, groups, userApplications));
    }
}
