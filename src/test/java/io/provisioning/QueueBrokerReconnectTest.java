package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.directory.UserDirectory;
import io.provisioning.support.EmbeddedBroker;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.QueueClient;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An external broker that is down when the bundle starts: the bundle starts anyway, and its queue consumers connect
 * and consume once the broker appears. Meanwhile {@code /observe/health} shows the broker DOWN (the database UP), then
 * UP.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueBrokerReconnectTest {

    private static final int PORT = TestEnvironment.freePort();
    private static final TestEnvironment ENV = TestEnvironment.create("queue-reconnect")
            .with("provisioning.broker.url", "tcp://127.0.0.1:" + PORT)
            .with("provisioning.broker.recovery-interval-ms", "500")
            .with("provisioning.broker.user", "external-user")
            .with("provisioning.broker.password", "external-secret")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    private EmbeddedBroker broker;

    @AfterAll
    void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theBundleStartsWithoutTheBrokerAndConsumesOnceItAppears() throws Exception {
        assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("inbound-queue"));
        Thread.sleep(1_000); // a few failed connection attempts
        JsonNode down = ENV.api().getWithoutToken("/observe/health").json();
        assertEquals("DOWN", down.path("checks").path("broker").path("status").asText(), down.toString());
        assertFalse(down.path("checks").path("broker").path("reason").asText().isBlank(), down.toString());
        assertEquals("UP", down.path("checks").path("database").path("status").asText(), down.toString());

        broker = new EmbeddedBroker(
                Path.of("target", "test-data", "queue_reconnect_external_broker"),
                "127.0.0.1",
                PORT,
                "external-user",
                "external-secret",
                "provisioning.requests",
                "provisioning.requests.DLQ",
                10);
        broker.start();
        try (QueueClient client = new QueueClient(broker.url(), "external-user", "external-secret")) {
            client.send(
                    "provisioning.requests",
                    "{\"action\":\"create\",\"user\":{\"userName\":\"late@example.com\","
                            + "\"email\":\"late@example.com\",\"lastName\":\"Late\",\"company\":\"Acme\"}}",
                    "late@example.com");
            UserDirectory directory = context.getRegistry().lookupByNameAndType("userDirectory", UserDirectory.class);
            assertTrue(Await.until(
                            () -> directory.findByUserName("late@example.com"),
                            Optional::isPresent,
                            Duration.ofSeconds(30))
                    .isPresent());
            Await.until(
                    () -> ENV.api().getWithoutToken("/observe/health").json(),
                    h -> "UP"
                            .equals(h.path("checks")
                                    .path("broker")
                                    .path("status")
                                    .asText()),
                    Duration.ofSeconds(15));
        }
    }
}
