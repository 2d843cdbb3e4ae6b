package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.provisioning.directory.UserDirectory;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.QueueClient;
import io.provisioning.testsupport.StandaloneArtemis;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * The bundle against a standalone Apache Artemis broker (its own process, from the distribution on Maven Central,
 * login required), as in a cluster: the queue intake applies every message, a client with a wrong password is
 * refused, the broker killed and started again on its journal is reconnected to, and readiness follows the broker.
 */
class ExternalArtemisIT {

    private static final String QUEUE = "provisioning.requests";

    @Test
    void theQueueIntakeRunsAgainstAStandaloneBrokerAcrossABrokerRestart() throws Exception {
        TestEnvironment.clearSystemProperties();
        StandaloneArtemis broker = StandaloneArtemis.create(
                Path.of("target", "it-data", "external-artemis"),
                TestEnvironment.freePort(),
                "provisioning",
                "broker-secret-21");
        broker.start();
        TestEnvironment env = TestEnvironment.create("external-artemis")
                .with("provisioning.broker.url", broker.url())
                .with("provisioning.broker.user", broker.user())
                .with("provisioning.broker.password", broker.password())
                .with("provisioning.broker.recovery-interval-ms", "1000")
                .with("provisioning.observe.health-cache-ms", "200");
        Main bundle = new Main();
        bundle.setPropertyPlaceholderLocations(Application.CONFIG_LOCATION);
        env.properties().forEach(bundle::addOverrideProperty);
        bundle.start();
        ApiClient api = env.api();
        try (broker) {
            UserDirectory directory =
                    bundle.getCamelContext().getRegistry().lookupByNameAndType("userDirectory", UserDirectory.class);
            assertEquals(200, api.getWithoutToken("/observe/health/ready").status());
            assertThrows(
                    RuntimeException.class,
                    () -> new QueueClient(broker.url(), broker.user(), "wrong-password").send(QUEUE, "{}", "x"),
                    "the broker requires a login");

            send(broker, 0, 200);
            awaitUsers(directory, 0, 200);

            broker.kill();
            Await.until(
                    () -> api.getWithoutToken("/observe/health/ready").status(),
                    status -> status == 503,
                    Duration.ofSeconds(60));
            assertEquals(200, api.getWithoutToken("/observe/health/live").status(), "alive without its broker");
            broker.start();
            Await.until(
                    () -> api.getWithoutToken("/observe/health/ready").status(),
                    status -> status == 200,
                    Duration.ofSeconds(120));
            send(broker, 200, 400);
            awaitUsers(directory, 0, 400);
            System.out.println("ExternalArtemisIT: 400 queue messages applied across a broker kill and restart");
        } finally {
            bundle.stop();
        }
    }

    private static void send(StandaloneArtemis broker, int from, int to) {
        try (QueueClient client = new QueueClient(broker.url(), broker.user(), broker.password())) {
            IntStream.range(from, to).forEach(i -> client.send(QUEUE, create(name(i)), name(i)));
        }
    }

    private static void awaitUsers(UserDirectory directory, int from, int to) {
        for (int i = from; i < to; i++) {
            String name = name(i);
            Await.until(() -> directory.findByUserName(name), found -> found.isPresent(), Duration.ofSeconds(120));
        }
    }

    private static String name(int i) {
        return "artemis." + i + "@example.com";
    }

    private static String create(String name) {
        return "{\"action\":\"create\",\"user\":{\"userName\":\"" + name + "\",\"email\":\"" + name
                + "\",\"lastName\":\"Broker\",\"company\":\"Acme\"}}";
    }
}
