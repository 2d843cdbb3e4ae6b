package io.provisioning.emulator;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The one OAuth client registered in the emulated org, as a Connected App or External Client App would be: its
 * consumer key and secret, the certificates whose keys may sign JWT bearer assertions, and whether the org still
 * allows the username-password flow (orgs created since Summer '23 block it).
 *
 * @param clientId             consumer key; any other {@code client_id} answers {@code invalid_client_id}
 * @param clientSecret         consumer secret; a wrong one answers {@code invalid_client}
 * @param certificates         "Use digital signatures" certificates; empty = every JWT is refused
 * @param passwordFlowAllowed  false = the password grant answers {@code invalid_grant} "authentication failure"
 */
public record ConnectedApp(
        String clientId, String clientSecret, List<X509Certificate> certificates, boolean passwordFlowAllowed) {

    /** Documented defaults (docs/emulator.md); the emulator listens on 127.0.0.1 only. */
    public static final String DEFAULT_CLIENT_ID = "provisioning-emulator";

    public static final String DEFAULT_CLIENT_SECRET = "emulator-secret";

    public ConnectedApp {
        certificates = List.copyOf(certificates);
    }

    public static ConnectedApp defaults() {
        return new ConnectedApp(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, List.of(), true);
    }

    public ConnectedApp withCertificates(List<X509Certificate> newCertificates) {
        return new ConnectedApp(clientId, clientSecret, newCertificates, passwordFlowAllowed);
    }

    public ConnectedApp withPasswordFlowAllowed(boolean allowed) {
        return new ConnectedApp(clientId, clientSecret, certificates, allowed);
    }

    public ConnectedApp withClient(String newClientId, String newClientSecret) {
        return new ConnectedApp(newClientId, newClientSecret, certificates, passwordFlowAllowed);
    }

    @Override
    public String toString() {
        return "ConnectedApp[" + clientId + ", " + certificates.size() + " certificate(s), password flow "
                + (passwordFlowAllowed ? "allowed" : "blocked") + "]";
    }
}
