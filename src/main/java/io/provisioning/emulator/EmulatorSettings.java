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
 */
public record EmulatorSettings(int port, String username, String password, long latencyMs, Path dataDir,
        long dailyApiLimit, long tokenTtlSeconds) {

    public static EmulatorSettings defaults() {
        return new EmulatorSettings(8089, "integration@emulator.local", "emulator", 0, null, 15000, 7200);
    }

    public EmulatorSettings withPort(int newPort) {
        return new EmulatorSettings(newPort, username, password, latencyMs, dataDir, dailyApiLimit, tokenTtlSeconds);
    }

    public EmulatorSettings withCredentials(String newUsername, String newPassword) {
        return new EmulatorSettings(port, newUsername, newPassword, latencyMs, dataDir, dailyApiLimit, tokenTtlSeconds);
    }

    public EmulatorSettings withLatencyMs(long newLatencyMs) {
        return new EmulatorSettings(port, username, password, newLatencyMs, dataDir, dailyApiLimit, tokenTtlSeconds);
    }

    public EmulatorSettings withDataDir(Path newDataDir) {
        return new EmulatorSettings(port, username, password, latencyMs, newDataDir, dailyApiLimit, tokenTtlSeconds);
    }

    public EmulatorSettings withDailyApiLimit(long newLimit) {
        return new EmulatorSettings(port, username, password, latencyMs, dataDir, newLimit, tokenTtlSeconds);
    }

    public EmulatorSettings withTokenTtlSeconds(long newTtl) {
        return new EmulatorSettings(port, username, password, latencyMs, dataDir, dailyApiLimit, newTtl);
    }
}
