package io.provisioning.bench;

import io.provisioning.Application;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Duration;

/** The whole bundle started as {@code java -jar} would, in a daemon thread of the benchmark's JVM. */
final class RunningBundle {

    private RunningBundle() {}

    /** Starts it with the environment's settings (already system properties) and waits for its health answer. */
    static ApiClient start(TestEnvironment env) {
        Thread bundle = new Thread(
                () -> {
                    try {
                        Application.run(new String[0]);
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                },
                "bundle");
        bundle.setDaemon(true);
        bundle.start();
        ApiClient api = env.api();
        Await.until(() -> status(api), s -> s == 200, Duration.ofMinutes(5)); // a busy machine starts slowly
        return api;
    }

    private static int status(ApiClient api) {
        try {
            return api.getWithoutToken("/health").status();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
