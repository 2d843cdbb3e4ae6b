package io.provisioning;

import io.provisioning.emulator.ConnectedApp;
import io.provisioning.emulator.EmulatorSettings;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.salesforce.JwtCertificates;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.SalesforceConnections.EmulatorLogin;
import io.provisioning.support.Closing;
import io.provisioning.support.ConfigFiles;
import io.provisioning.support.InvalidSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boundary to the emulator module: the only product class that imports {@code io.provisioning.emulator}
 * (EmulatorBoundaryTest), loaded through {@link SalesforceOrgs} only when an application says
 * {@code login-url=emulator}.
 * Starts one emulated org per application whose login URL is {@code emulator}: the first on
 * {@code provisioning.salesforce.emulator.port}, others on their {@code emulator-port} (default: any free port). Each
 * org registers the client of {@code provisioning.salesforce.emulator.client-id}/{@code client-secret} and trusts the
 * certificates of {@code provisioning.salesforce.emulator.jwt-certificates} plus that of the application's own JWT key.
 */
final class EmulatorWiring {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorWiring.class);
    private static final String PREFIX = EmulatedOrgSettings.PREFIX;

    private EmulatorWiring() {}

    /** @return each emulated application's login */
    static Map<String, EmulatorLogin> start(
            CamelContext context, EmulatedOrgSettings settings, SalesforceApplications applications, Path dataDir)
            throws Exception {
        Map<String, EmulatorLogin> logins = new LinkedHashMap<>();
        ConnectedApp app = ConnectedApp.defaults()
                .withClient(settings.clientId(), settings.clientSecret())
                .withPasswordFlowAllowed(settings.passwordFlowAllowed());
        List<X509Certificate> trusted = certificates(settings.jwtCertificates());
        for (SalesforceApplication application : applications.all()) {
            if (!application.connection().emulated()) {
                continue; // a real org: SalesforceOrgs logged it
            }
            boolean first = logins.isEmpty();
            int port = application.emulatorPort() >= 0 ? application.emulatorPort() : first ? settings.port() : 0;
            List<X509Certificate> certificates = new ArrayList<>(trusted);
            if (application.connection().jwt() != null) {
                Path generate = JwtCertificates.generatedKeystore(application);
                if (generate != null) {
                    Keytool.generateKeyPair(generate, JwtCertificates.generatedKeystorePassword(), application.name());
                    LOG.info(
                            "Salesforce: application {} signs its JWTs for the emulator with the key pair"
                                    + " generated in {}",
                            application.name(),
                            generate);
                }
                certificates.add(JwtCertificates.of(application));
            }
            EmulatorSettings emulatorSettings = new EmulatorSettings(
                    port,
                    settings.username(),
                    settings.password(),
                    settings.latencyMs(),
                    settings.persistent() ? dataDir.resolve("orgs").resolve(application.name()) : null,
                    settings.dailyApiLimit(),
                    settings.tokenTtlSeconds(),
                    app.withCertificates(certificates));
            SalesforceEmulator emulator = new SalesforceEmulator(emulatorSettings);
            emulator.start();
            // production orgs allow 25 concurrent calls that run 20 s or longer (the emulator's own default: 5, as a
            // Developer Edition org)
            emulator.concurrentLongRequests(settings.concurrentLongRequests(), settings.longRequestMs());
            String externalIdField = application.idempotence().externalIdField();
            if (externalIdField != null) {
                // what an admin does in Setup (docs/exactly-once.md): a unique external-id text field on the target
                emulator.defineExternalIdField(application.sObject(), externalIdField);
            }
            context.addService(new Closing(emulator), true, true);
            context.getRegistry().bind("salesforceEmulator-" + application.name(), emulator);
            if (first) {
                context.getRegistry().bind("salesforceEmulator", emulator);
            }
            logins.put(
                    application.name(),
                    new EmulatorLogin(
                            emulator.baseUrl(),
                            app.clientId(),
                            app.clientSecret(),
                            emulatorSettings.username(),
                            emulatorSettings.password()));
            LOG.info(
                    "Salesforce: application {} uses the built-in emulator at {} (login-url=emulator, {})",
                    application.name(),
                    emulator.baseUrl(),
                    application.connection().flow());
        }
        return logins;
    }

    private static List<X509Certificate> certificates(List<String> files) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = Files.newInputStream(ConfigFiles.resolve(file))) {
                certificates.add((X509Certificate)
                        CertificateFactory.getInstance("X.509").generateCertificate(in));
            } catch (IOException | GeneralSecurityException | ClassCastException e) {
                throw new InvalidSettingException(
                        PREFIX + "jwt-certificates",
                        PREFIX + "jwt-certificates: " + file
                                + " is not a readable X.509 certificate"
                                + " (PEM or DER; keytool -exportcert -rfc writes one)");
            }
        }
        return certificates;
    }
}
