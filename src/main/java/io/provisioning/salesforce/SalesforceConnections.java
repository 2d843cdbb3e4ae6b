package io.provisioning.salesforce;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates one camel-salesforce component per application, named after the application. */
public final class SalesforceConnections {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceConnections.class);
    /**
     * The largest answer read: the result CSV of one Bulk API 2.0 job (up to provisioning.bulk-api.max-records-per-job
     * rows, 150,000 by default, about 150 bytes each) must fit; camel-salesforce's own limit of 4 MB failed the results
     * of jobs above about 30,000 rows.
     */
    static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    /**
     * How to log in to a built-in emulator's org: its URL, its registered client and its integration user, used for
     * whatever the application's own settings leave empty.
     */
    public record EmulatorLogin(String url, String clientId, String clientSecret, String userName, String password) {

        @Override
        public String toString() {
            return "EmulatorLogin[" + url + ", client " + clientId + ", user " + userName + "]";
        }
    }

    private SalesforceConnections() {}

    /** @param emulators the login of each application whose login URL is {@code emulator} */
    public static void register(
            CamelContext context,
            SalesforceApplications applications,
            Map<String, EmulatorLogin> emulators,
            long requestTimeoutMs) {
        for (SalesforceApplication application : applications.all()) {
            context.addComponent(
                    application.componentName(),
                    component(application, emulators.get(application.name()), requestTimeoutMs));
        }
    }

    /** @param emulator the emulator's login when the application's login URL is {@code emulator}, else null */
    public static SalesforceComponent component(
            SalesforceApplication application, EmulatorLogin emulator, long requestTimeoutMs) {
        SalesforceApplication.Connection connection = application.connection();
        String prefix = "provisioning.application." + application.name() + ".";
        SalesforceComponent component = new SalesforceComponent();
        component.setHttpMaxContentLength(MAX_ANSWER_BYTES);
        boolean emulated = connection.emulated();
        component.setLoginUrl(emulated ? emulator.url() : connection.loginUrl());
        component.setAuthenticationType(
                AuthenticationType.valueOf(connection.flow().name()));
        component.setClientId(orElse(connection.clientId(), emulated ? emulator.clientId() : null));
        component.setClientSecret(orElse(connection.clientSecret(), emulated ? emulator.clientSecret() : null));
        component.setUserName(orElse(connection.userName(), emulated ? emulator.userName() : null));
        component.setPassword(orElse(connection.password(), emulated ? emulator.password() : null));
        component.setRefreshToken(connection.refreshToken());
        component.setInstanceUrl(connection.instanceUrl());
        if (connection.jwt() != null) {
            component.setKeystore(JwtKeys.parameters(connection.jwt(), prefix));
            component.setJwtAudience(connection.jwt().audience());
        }
        if (connection.flow() == AuthFlow.USERNAME_PASSWORD) {
            LOG.warn(
                    "Salesforce: application {} logs in with the username-password flow ({}authentication-type):"
                            + " orgs created since Summer '23 block it and External Client Apps do not offer it; use"
                            + " CLIENT_CREDENTIALS or JWT (docs/salesforce-org-setup.md)",
                    application.name(),
                    prefix);
        }
        // Start even when Salesforce is unreachable; work waits in the outbox until it answers.
        component.setLazyLogin(true);
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion(connection.apiVersion());
        component.setConfig(config);
        component.setHttpRequestTimeout(requestTimeoutMs);
        // The idle timeout (default 10 s) would otherwise cut slow calls before the request timeout.
        component.setHttpClientIdleTimeout(requestTimeoutMs);
        return component;
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
