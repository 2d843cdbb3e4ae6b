package io.provisioning.salesforce;

import java.security.cert.X509Certificate;

/** The certificate an org's app must hold for an application's JWT key (the emulator trusts it, too). */
public final class JwtCertificates {

    private JwtCertificates() {
    }

    public static X509Certificate of(SalesforceApplication application) {
        return JwtKeys.certificate(application.connection().jwt(), "provisioning.application." + application.name() + ".");
    }
}
