package io.provisioning.salesforce;

import java.security.cert.X509Certificate;

/** The certificate an org's app must hold for an application's JWT key (the emulator trusts it, too). */
public final class JwtCertificates {

    private JwtCertificates() {}

    /** The keystore to create when it does not exist yet (the emulator's own key), or null when it must exist. */
    public static java.nio.file.Path generatedKeystore(SalesforceApplication application) {
        SalesforceApplication.Jwt jwt = application.connection().jwt();
        return application.connection().emulated()
                        && ConnectionSettings.EMULATOR_KEYSTORE_PASSWORD.equals(jwt.keystorePassword())
                        && jwt.alias() == null
                        && !java.nio.file.Files.exists(jwt.keystore())
                ? jwt.keystore()
                : null;
    }

    public static String generatedKeystorePassword() {
        return ConnectionSettings.EMULATOR_KEYSTORE_PASSWORD;
    }

    public static X509Certificate of(SalesforceApplication application) {
        return JwtKeys.certificate(
                application.connection().jwt(), "provisioning.application." + application.name() + ".");
    }
}
