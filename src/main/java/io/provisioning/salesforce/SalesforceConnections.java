package io.provisioning.salesforce;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.support.jsse.KeyStoreParameters;

/** Creates one camel-salesforce component per application, named after the application. */
public final class SalesforceConnections {

    private SalesforceConnections() {
    }

    /**
     * @param emulatorUrls login URL of each emulated application's org (applications without their own login URL)
     */
    public static void register(CamelContext context, SalesforceApplications applications,
            java.util.Map<String, String> emulatorUrls, String emulatorUser, String emulatorPassword,
            long requestTimeoutMs, String apiVersion) {
        for (SalesforceApplication application : applications.all()) {
            SalesforceApplication.Connection connection = application.connection();
            SalesforceComponent component = new SalesforceComponent();
            boolean emulated = connection.emulated();
            component.setLoginUrl(emulated ? emulatorUrls.get(application.name()) : connection.loginUrl());
            component.setAuthenticationType(AuthenticationType.valueOf(connection.authenticationType()));
            component.setUserName(emulated ? emulatorUser : connection.userName());
            component.setPassword(emulated ? emulatorPassword : connection.password());
            component.setClientId(connection.clientId());
            component.setClientSecret(connection.clientSecret());
            if (connection.jwtKeystore() != null) {
                KeyStoreParameters keystore = new KeyStoreParameters();
                keystore.setResource(connection.jwtKeystore());
                keystore.setPassword(connection.jwtKeystorePassword());
                component.setKeystore(keystore);
            }
            // Start even when Salesforce is unreachable; work waits in the outbox until it answers.
            component.setLazyLogin(true);
            SalesforceEndpointConfig config = new SalesforceEndpointConfig();
            config.setApiVersion(apiVersion);
            component.setConfig(config);
            component.setHttpRequestTimeout(requestTimeoutMs);
            // The idle timeout (default 10 s) would otherwise cut slow calls before the request timeout.
            component.setHttpClientIdleTimeout(requestTimeoutMs);
            context.addComponent(application.componentName(), component);
        }
    }
}
