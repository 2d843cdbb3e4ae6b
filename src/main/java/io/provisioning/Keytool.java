package io.provisioning;

import io.provisioning.support.InvalidSettingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Generates the built-in emulator's JWT key pair with the JDK's keytool (the JDK has no API for a self-signed
 * certificate, and a PKCS12 key entry needs one), exactly as docs/salesforce-org-setup.md tells an admin to.
 */
final class Keytool {

    private Keytool() {}

    static void generateKeyPair(Path keystore, String password, String application)
            throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        String key = "provisioning.application." + application + ".jwt-keystore";
        if (!Files.isExecutable(keytool)) {
            throw new InvalidSettingException(
                    key,
                    key + " is not set and " + keytool + " is missing (a JRE without"
                            + " keytool): name a keystore made with keytool or openssl (docs/salesforce-org-setup.md#3b-jwt-bearer)");
        }
        Files.createDirectories(keystore.getParent());
        Process process = new ProcessBuilder(List.of(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        application,
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-sigalg",
                        "SHA256withRSA",
                        "-validity",
                        "3650",
                        "-dname",
                        "CN=" + application + " (provisioning emulator)",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        password,
                        "-keypass",
                        password))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new InvalidSettingException(key, "keytool could not generate " + keystore + ": " + output.strip());
        }
    }
}
