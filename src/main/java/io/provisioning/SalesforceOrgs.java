package io.provisioning;

import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.SalesforceConnections.EmulatorLogin;
import io.provisioning.support.Redaction;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The org behind each application. A real org needs nothing started; applications with {@code login-url=emulator}
 * get an emulated org from {@link EmulatorWiring}, the one class that uses the emulator module, which is loaded only
 * then (docs/architecture.md, "Modules").
 */
final class SalesforceOrgs {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceOrgs.class);
    private static final String EMULATOR_CLASS = "io.provisioning.emulator.SalesforceEmulator";

    private SalesforceOrgs() {}

    /** @return each emulated application's login; empty when every application uses a real org */
    static Map<String, EmulatorLogin> start(
            CamelContext context, EmulatedOrgSettings settings, SalesforceApplications applications, Path dataDir)
            throws Exception {
        boolean emulated = false;
        for (SalesforceApplication application : applications.all()) {
            if (application.connection().emulated()) {
                emulated = true;
            } else {
                LOG.info(
                        "Salesforce: application {} uses the org at {}",
                        application.name(),
                        Redaction.redact(application.connection().loginUrl()));
            }
        }
        if (!emulated) {
            return Map.of();
        }
        requireEmulatorModule();
        return EmulatorWiring.start(context, settings, applications, dataDir);
    }

    private static void requireEmulatorModule() {
        try {
            Class.forName(EMULATOR_CLASS, false, SalesforceOrgs.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "login-url=emulator needs the emulator module (salesforce-emulator jar) on"
                            + " the classpath; target/salesforce-provisioning.jar bundles it",
                    e);
        }
    }
}
