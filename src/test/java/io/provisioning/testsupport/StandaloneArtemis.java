package io.provisioning.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Apache Artemis broker in its own process, from the distribution the build unpacks (system property
 * {@code artemis.home}, set by failsafe): {@code artemis create} makes an instance with one user and login required,
 * {@code artemis run} runs it. It can be stopped (SIGKILL: as a crash) and started again on the same journal.
 */
public final class StandaloneArtemis implements AutoCloseable {

    private final Path instance;
    private final int port;
    private final String user;
    private final String password;
    private Process process;

    private StandaloneArtemis(Path instance, int port, String user, String password) {
        this.instance = instance;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** Creates a fresh instance under {@code folder} with CORE on {@code port} only, no web console. */
    public static StandaloneArtemis create(Path folder, int port, String user, String password)
            throws IOException, InterruptedException {
        String home = System.getProperty("artemis.home");
        if (home == null || !Files.isExecutable(Path.of(home, "bin", "artemis"))) {
            throw new IllegalStateException("no Artemis distribution at artemis.home=" + home
                    + " (the build unpacks it before the ITs: run them with mvn verify)");
        }
        delete(folder);
        Files.createDirectories(folder.getParent());
        run(List.of(
                Path.of(home, "bin", "artemis").toString(),
                "create",
                folder.toAbsolutePath().toString(),
                "--silent",
                "--force",
                "--user=" + user,
                "--password=" + password,
                "--require-login",
                "--host=127.0.0.1",
                "--default-port=" + port,
                "--no-web",
                "--no-amqp-acceptor",
                "--no-hornetq-acceptor",
                "--no-mqtt-acceptor",
                "--no-stomp-acceptor",
                "--no-autotune",
                "--nio"));
        return new StandaloneArtemis(folder, port, user, password);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Starts the broker and waits until it accepts connections. */
    public void start() throws IOException {
        process = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        instance.resolve("broker-output.log").toFile()))
                .start();
        // a JVM start: minutes on a loaded machine
        Await.until(this::accepting, up -> up || !process.isAlive(), Duration.ofMinutes(5));
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "the broker stopped at start, see " + instance.resolve("broker-output.log"));
        }
    }

    /** Kills the broker (SIGKILL, its child processes too) and waits until it is gone. */
    public void kill() throws InterruptedException {
        if (process != null) {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(60, TimeUnit.SECONDS);
            Await.until(this::accepting, up -> !up, Duration.ofSeconds(60));
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process created = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(created.getInputStream().readAllBytes());
        if (!created.waitFor(180, TimeUnit.SECONDS) || created.exitValue() != 0) {
            throw new IllegalStateException("artemis create failed: " + output);
        }
    }
}
