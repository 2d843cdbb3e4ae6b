package io.provisioning.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A JWT signing key made the way docs/salesforce-org-setup.md tells an admin to: {@code keytool -genkeypair} into a
 * PKCS12 keystore, {@code keytool -exportcert -rfc} for the certificate the org's app holds.
 */
public record TestKeys(Path keystore, String password, String alias, Path certificateFile) {

    /** A new keystore {@code dir/name.p12} with one RSA-2048 key entry {@code alias}. */
    public static TestKeys generate(Path dir, String name, String alias) {
        try {
            Files.createDirectories(dir);
            Path keystore = dir.resolve(name + ".p12");
            Files.deleteIfExists(keystore);
            return add(keystore, alias);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds key entry {@code alias} to {@code keystore} (created when missing). */
    public static TestKeys add(Path keystore, String alias) {
        String password = "changeit-" + keystore.getFileName();
        Path certificate = keystore.resolveSibling(keystore.getFileName() + "-" + alias + ".pem");
        keytool(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-sigalg",
                "SHA256withRSA",
                "-dname",
                "CN=provisioning-test-" + alias,
                "-validity",
                "30",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                password,
                "-keypass",
                password);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                alias,
                "-keystore",
                keystore.toString(),
                "-storepass",
                password,
                "-file",
                certificate.toString());
        return new TestKeys(keystore, password, alias, certificate);
    }

    public X509Certificate certificate() {
        try (InputStream in = Files.newInputStream(certificateFile)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PrivateKey privateKey() {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return (PrivateKey) store.getKey(alias, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
