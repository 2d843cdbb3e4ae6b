package io.provisioning;

import io.provisioning.support.Settings;
import java.util.List;

/**
 * The {@code provisioning.salesforce.emulator.*} settings of the emulated orgs (applications with
 * {@code login-url=emulator}), read like every other feature's from the packaged defaults. Holds no emulator type, so
 * reading it never loads the emulator module ({@link EmulatorWiring} turns it into the emulator's own settings).
 */
record EmulatedOrgSettings(
        int port,
        String username,
        String password,
        String clientId,
        String clientSecret,
        List<String> jwtCertificates,
        boolean passwordFlowAllowed,
        long latencyMs,
        long dailyApiLimit,
        int concurrentLongRequests,
        long longRequestMs,
        boolean persistent,
        long tokenTtlSeconds) {

    static final String PREFIX = "provisioning.salesforce.emulator.";

    static EmulatedOrgSettings read(Settings settings) {
        return new EmulatedOrgSettings(
                settings.getInt(PREFIX + "port"),
                settings.require(PREFIX + "username"),
                settings.require(PREFIX + "password"),
                settings.require(PREFIX + "client-id"),
                settings.require(PREFIX + "client-secret"),
                settings.getList(PREFIX + "jwt-certificates"),
                settings.getBoolean(PREFIX + "password-flow-allowed"),
                settings.getLong(PREFIX + "latency-ms"),
                settings.getLong(PREFIX + "daily-api-limit"),
                settings.getInt(PREFIX + "concurrent-long-requests"),
                settings.getLong(PREFIX + "long-request-ms"),
                settings.getBoolean(PREFIX + "persistent"),
                settings.getLong(PREFIX + "token-ttl-seconds"));
    }
}
