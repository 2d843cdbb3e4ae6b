package io.provisioning.salesforce;

import io.provisioning.support.InvalidSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.camel.support.jsse.KeyStoreParameters;

/**
 * An application's JWT signing key, checked when the settings are read so that a wrong path, password or alias stops
 * the start instead of failing the first login. camel-salesforce signs with the keystore's only key entry; when the
 * settings name an alias, {@link #parameters} hands it a keystore holding that entry alone.
 */
final class JwtKeys {

    private JwtKeys() {}

    /** The certificate of the chosen entry (what the org's app must hold). */
    static X509Certificate certificate(SalesforceApplication.Jwt jwt, String prefix) {
        KeyStore store = load(jwt, prefix);
        try {
            Certificate certificate = store.getCertificate(alias(store, jwt, prefix));
            if (!(certificate instanceof X509Certificate x509)) {
                throw new InvalidSettingException(
                        prefix + "jwt-keystore",
                        prefix + "jwt-keystore " + jwt.keystore()
                                + ": the key entry has no X.509 certificate; create it with keytool -genkeypair (see docs/salesforce-org-setup.md)");
            }
            return x509;
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingException(
                    prefix + "jwt-keystore",
                    prefix + "jwt-keystore " + jwt.keystore() + " cannot be read: " + e.getMessage());
        }
    }

    /** camel-salesforce's keystore: the file itself, or (with an alias) a copy of that one entry in memory. */
    static KeyStoreParameters parameters(SalesforceApplication.Jwt jwt, String prefix) {
        KeyStore store = load(jwt, prefix);
        String alias = alias(store, jwt, prefix);
        KeyStoreParameters parameters = new KeyStoreParameters() {
            @Override
            public KeyStore createKeyStore() throws GeneralSecurityException, IOException {
                KeyStore source = load(jwt, prefix);
                KeyStore single = KeyStore.getInstance("PKCS12");
                single.load(null, null);
                char[] password = jwt.keystorePassword().toCharArray();
                single.setKeyEntry(alias, source.getKey(alias, password), password, source.getCertificateChain(alias));
                return single;
            }
        };
        parameters.setResource("file:" + jwt.keystore());
        parameters.setType(jwt.keystoreType());
        parameters.setPassword(jwt.keystorePassword());
        return parameters;
    }

    private static KeyStore load(SalesforceApplication.Jwt jwt, String prefix) {
        if (!Files.isRegularFile(jwt.keystore())) {
            throw new InvalidSettingException(
                    prefix + "jwt-keystore",
                    prefix + "jwt-keystore " + jwt.keystore()
                            + " not found: create it with keytool (docs/salesforce-org-setup.md) or fix the path");
        }
        try (InputStream in = Files.newInputStream(jwt.keystore())) {
            KeyStore store = KeyStore.getInstance(jwt.keystoreType());
            store.load(in, jwt.keystorePassword().toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSettingException(
                    prefix + "jwt-keystore-password",
                    prefix + "jwt-keystore " + jwt.keystore()
                            + " cannot be opened as " + jwt.keystoreType() + " with " + prefix
                            + "jwt-keystore-password: check the password and " + prefix
                            + "jwt-keystore-type (PKCS12 or JKS)");
        }
    }

    private static String alias(KeyStore store, SalesforceApplication.Jwt jwt, String prefix) {
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            if (jwt.alias() != null) {
                if (!keys.contains(jwt.alias().toLowerCase(java.util.Locale.ROOT)) && !keys.contains(jwt.alias())) {
                    throw new InvalidSettingException(
                            prefix + "jwt-key-alias",
                            prefix + "jwt-key-alias '" + jwt.alias() + "' is not a key entry of " + jwt.keystore()
                                    + "; its key entries: " + keys);
                }
                return keys.contains(jwt.alias()) ? jwt.alias() : jwt.alias().toLowerCase(java.util.Locale.ROOT);
            }
            if (keys.size() != 1) {
                throw new InvalidSettingException(
                        prefix + "jwt-key-alias",
                        prefix + "jwt-keystore " + jwt.keystore()
                                + " has " + keys.size() + " key entries " + keys + ": name the one to sign with in "
                                + prefix
                                + "jwt-key-alias");
            }
            return keys.get(0);
        } catch (java.security.KeyStoreException e) {
            throw new InvalidSettingException(
                    prefix + "jwt-keystore",
                    prefix + "jwt-keystore " + jwt.keystore() + " cannot be read: " + e.getMessage());
        }
    }
}
