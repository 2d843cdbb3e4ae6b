package io.provisioning.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The packaged jars as separate JVMs, as they run in production: the bundle ({@code
 * target/salesforce-provisioning.jar}) and the standalone emulator ({@code emulator/target/salesforce-emulator.jar}),
 * each writing its output to a log file. Used by the chaos runs, which kill bundles with SIGKILL.
 */
public final class JvmProcesses {

    public static final Path BUNDLE_JAR = Path.of("target/salesforce-provisioning.jar");
    public static final Path EMULATOR_JAR = Path.of("emulator/target/salesforce-emulator.jar");

    private JvmProcesses() {}

    /** Starts {@code java args…} with this JVM's Java. */
    public static Process java(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /**
     * Starts the bundle jar with the settings as system properties and waits until its {@code /health} answers 200.
     *
     * @param api a client of this bundle's HTTP port
     */
    public static Process startBundle(
            Path jar, List<String> jvmOptions, Map<String, String> properties, Path log, ApiClient api)
            throws IOException {
        List<String> args = new ArrayList<>(jvmOptions);
        properties.forEach((k, v) -> args.add("-D" + k + "=" + v));
        args.add("-jar");
        args.add(jar.toAbsolutePath().toString());
        Process bundle = java(args, log);
        Await.until(
                () -> bundle.isAlive() ? status(() -> api.get("/health").status()) : -2,
                s -> s == 200 || s == -2,
                Duration.ofMinutes(5)); // minutes on a loaded machine
        if (!bundle.isAlive()) {
            throw new IllegalStateException("the bundle stopped at start: see " + log);
        }
        return bundle;
    }

    /** Starts one emulated org in its own JVM on {@code port} and waits until it answers; returns its client. */
    public static Process startEmulator(int port, List<String> jvmOptions, Path log) throws IOException {
        List<String> args = new ArrayList<>(jvmOptions);
        args.add("-jar");
        args.add(EMULATOR_JAR.toAbsolutePath().toString());
        args.add(String.valueOf(port));
        Process emulator = java(args, log);
        EmulatorClient org = EmulatorClient.defaultOrg("http://127.0.0.1:" + port);
        Await.until(
                () -> emulator.isAlive() ? status(() -> org.control("GET", "/emulator/calls", "")) : -2,
                s -> s == 200 || s == -2,
                Duration.ofSeconds(60));
        if (!emulator.isAlive()) {
            throw new IllegalStateException("the emulator stopped at start: see " + log);
        }
        return emulator;
    }

    /** SIGKILL: nothing flushed, no shutdown hook, as a crash or a lost node. */
    public static void kill(Process process) throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** A normal stop (SIGTERM), waiting for it. */
    public static void stop(Process process) throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** The HTTP status a call answered, or -1 when it got no answer (refused, reset, timed out). */
    public static int status(Callable<Integer> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return -1;
        }
    }
}
