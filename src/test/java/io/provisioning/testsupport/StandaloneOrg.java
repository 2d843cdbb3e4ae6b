package io.provisioning.testsupport;

import java.nio.file.Path;
import java.util.List;

/**
 * An org in a JVM of its own: the emulator module's standalone jar (docs/emulator.md), so that it outlives the
 * bundles a test kills, as a real org does. Started with a daily limit no test reaches; closed with the test.
 */
public final class StandaloneOrg implements AutoCloseable {
    private static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-Demulator.daily-api-limit=100000000");

    private final Process process;
    private final int port;
    private final EmulatorClient client;

    private StandaloneOrg(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = EmulatorClient.defaultOrg(url());
    }

    /** Starts the org, its output in {@code log}, and waits until it answers. */
    public static StandaloneOrg start(Path log) throws Exception {
        int port = TestEnvironment.freePort();
        return new StandaloneOrg(JvmProcesses.startEmulator(port, JVM_OPTIONS, log), port);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public EmulatorClient client() {
        return client;
    }

    /** The settings that point an application at this org (client credentials of its registered client). */
    public List<String[]> applicationSettings(String application) {
        String prefix = "provisioning.application." + application + ".";
        return List.of(
                new String[] {prefix + "login-url", url()},
                new String[] {prefix + "client-id", "provisioning-emulator"},
                new String[] {prefix + "client-secret", "emulator-secret"});
    }

    @Override
    public void close() throws InterruptedException {
        JvmProcesses.stop(process);
    }
}
