package io.provisioning.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The emulator as its own process, so that several bundles can share one org:
 * {@code java -jar salesforce-emulator.jar [port] [dataDir]} (docs/emulator.md). The org's settings come from system
 * properties ({@code -Demulator.client-id=…}) or a properties file named by {@code -Demulator.settings=<file>} with the
 * same keys; a system property wins over the file. An unknown {@code emulator.*} key stops the start, so a typo does
 * not leave a default in place unnoticed.
 */
public final class StandaloneEmulator {

    static final String PREFIX = "emulator.";
    static final String SETTINGS_FILE = PREFIX + "settings";
    private static final Set<String> KEYS = Set.of(
            "client-id",
            "client-secret",
            "username",
            "password",
            "latency-ms",
            "daily-api-limit",
            "token-ttl-seconds",
            "password-flow-allowed",
            "jwt-certificates",
            "settings");

    private StandaloneEmulator() {}

    /**
     * {@code [port] [dataDir] [latencyMs] [dailyApiLimit]}: port 0 picks a free one (the start line names it); an empty
     * or missing dataDir keeps the org in memory. The last two are kept for scripts written before the settings keys.
     */
    public static void main(String[] args) throws IOException {
        EmulatorSettings settings = settings(args, System.getProperties());
        SalesforceEmulator emulator = new SalesforceEmulator(settings);
        emulator.start();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        // one line that scripts and StandaloneEmulatorIT wait for; the secret stays out of it
        System.out.println("Salesforce emulator on " + emulator.baseUrl() + " user " + settings.username()
                + ", client id " + settings.app().clientId() + ", daily API limit " + settings.dailyApiLimit()
                + (settings.dataDir() == null ? ", in memory" : ", data in " + settings.dataDir()));
    }

    /** The settings of {@code args} and of the {@code emulator.*} keys in {@code system} and its settings file. */
    static EmulatorSettings settings(String[] args, Properties system) throws IOException {
        Properties keys = new Properties();
        String file = system.getProperty(SETTINGS_FILE);
        if (file != null && !file.isBlank()) {
            try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                keys.load(in);
            }
        }
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                keys.setProperty(name, system.getProperty(name));
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (String name : keys.stringPropertyNames()) {
            if (!name.startsWith(PREFIX) || !KEYS.contains(name.substring(PREFIX.length()))) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown emulator settings " + unknown + "; known: "
                    + new TreeSet<>(KEYS) + " (each with the prefix " + PREFIX + ")");
        }
        EmulatorSettings defaults = EmulatorSettings.defaults();
        ConnectedApp app = ConnectedApp.defaults()
                .withClient(
                        text(keys, "client-id", defaults.app().clientId()),
                        text(keys, "client-secret", defaults.app().clientSecret()))
                .withPasswordFlowAllowed(flag(keys, "password-flow-allowed", true))
                .withCertificates(certificates(keys.getProperty(PREFIX + "jwt-certificates", "")));
        EmulatorSettings settings = defaults.withApp(app)
                .withCredentials(
                        text(keys, "username", defaults.username()), text(keys, "password", defaults.password()))
                .withLatencyMs(number(keys, "latency-ms", defaults.latencyMs()))
                .withDailyApiLimit(number(keys, "daily-api-limit", defaults.dailyApiLimit()))
                .withTokenTtlSeconds(number(keys, "token-ttl-seconds", defaults.tokenTtlSeconds()));
        if (args.length > 0) {
            settings = settings.withPort(Integer.parseInt(args[0]));
        }
        if (args.length > 1 && !args[1].isEmpty()) {
            settings = settings.withDataDir(Path.of(args[1]));
        }
        if (args.length > 2) {
            settings = settings.withLatencyMs(Long.parseLong(args[2]));
        }
        if (args.length > 3) {
            settings = settings.withDailyApiLimit(Long.parseLong(args[3]));
        }
        return settings;
    }

    private static String text(Properties keys, String key, String fallback) {
        String value = keys.getProperty(PREFIX + key, "").trim();
        return value.isEmpty() ? fallback : value;
    }

    private static long number(Properties keys, String key, long fallback) {
        String value = text(keys, key, "");
        try {
            return value.isEmpty() ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + "=" + value + " is not a whole number", e);
        }
    }

    private static boolean flag(Properties keys, String key, boolean fallback) {
        String value = text(keys, key, "");
        if (value.isEmpty()) {
            return fallback;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(PREFIX + key + "=" + value + " is neither true nor false");
        }
        return Boolean.parseBoolean(value);
    }

    /** PEM or DER certificates, comma-separated paths (keytool -exportcert -rfc writes one). */
    private static List<X509Certificate> certificates(String files) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String file : files.split(",")) {
            if (file.isBlank()) {
                continue;
            }
            try (InputStream in = Files.newInputStream(Path.of(file.trim()))) {
                certificates.add((X509Certificate)
                        CertificateFactory.getInstance("X.509").generateCertificate(in));
            } catch (IOException | GeneralSecurityException | ClassCastException e) {
                throw new IllegalArgumentException(
                        PREFIX + "jwt-certificates: " + file.trim() + " is not a readable X.509 certificate", e);
            }
        }
        return certificates;
    }
}
