package io.provisioning.emulator;

import java.nio.file.Path;

/**
 * Start-up settings of the {@link SalesforceEmulator}.
 *
 * @param port            TCP port on 127.0.0.1; 0 picks a free port
 * @param username        the integration user's username (password grant and JWT {@code sub})
 * @param password        the integration user's password (password grant)
 * @param latencyMs       delay added to every /services call (changeable at run time via /emulator/latency)
 * @param dataDir         directory for the journal; {@code null} keeps everything in memory
 * @param dailyApiLimit   DailyApiRequests Max
 * @param tokenTtlSeconds lifetime of an access token
 * @param app             the registered OAuth client (consumer key, secret, JWT certificates, password flow)
 */
public record EmulatorSettings(
        int port,
        String username,
        String password,
        long latencyMs,
        Path dataDir,
        long dailyApiLimit,
        long tokenTtlSeconds,
        ConnectedApp app) {

    /** The settings before the emulator verified OAuth clients: the documented default client. */
    public EmulatorSettings(
            int port,
            String username,
            String password,
            long latencyMs,
            Path dataDir,
            long dailyApiLimit,
            long tokenTtlSeconds) {
        this(port, username, password, latencyMs, dataDir, dailyApiLimit, tokenTtlSeconds, ConnectedApp.defaults());
    }

    public static EmulatorSettings defaults() {
        return new EmulatorSettings(8089, "integration@emulator.local", "emulator", 0, null, 15000, 7200);
    }

    public EmulatorSettings withPort(int newPort) {
        return new EmulatorSettings(
                newPort, username, password, latencyMs, dataDir, dailyApiLimit, tokenTtlSeconds, app);
    }

    public EmulatorSettings withCredentials(String newUsername, String newPassword) {
        return new EmulatorSettings(
                port, newUsername, newPassword, latencyMs, dataDir, dailyApiLimit, tokenTtlSeconds, app);
    }

    public EmulatorSettings withLatencyMs(long newLatencyMs) {
        return new EmulatorSettings(
                port, username, password, newLatencyMs, dataDir, dailyApiLimit, tokenTtlSeconds, app);
    }

    public EmulatorSettings withDataDir(Path newDataDir) {
        return new EmulatorSettings(
                port, username, password, latencyMs, newDataDir, dailyApiLimit, tokenTtlSeconds, app);
    }

    public EmulatorSettings withDailyApiLimit(long newLimit) {
        return new EmulatorSettings(port, username, password, latencyMs, dataDir, newLimit, tokenTtlSeconds, app);
    }

    public EmulatorSettings withTokenTtlSeconds(long newTtl) {
        return new EmulatorSettings(port, username, password, latencyMs, dataDir, dailyApiLimit, newTtl, app);
    }

    public EmulatorSettings withApp(ConnectedApp newApp) {
        return new EmulatorSettings(
                port, username, password, latencyMs, dataDir, dailyApiLimit, tokenTtlSeconds, newApp);
    }

    /** The password is left out: settings end up in logs. */
    @Override
    public String toString() {
        return "EmulatorSettings[port=" + port + ", username=" + username + ", dataDir=" + dataDir + ", dailyApiLimit="
                + dailyApiLimit + ", tokenTtlSeconds=" + tokenTtlSeconds + ", " + app + "]";
    }
}
