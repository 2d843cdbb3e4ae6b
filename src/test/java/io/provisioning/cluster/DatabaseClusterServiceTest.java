package io.provisioning.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.provisioning.cluster.DatabaseClusterService.LeaseTiming;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database-backed cluster service on the real database (H2, or PostgreSQL with {@code provisioning.test.db}),
 * with real Camel contexts and {@code master:} routes: one instance at a time runs the route, the other takes over
 * when the leader stops, and a dead leader's lease is taken over once it has expired, not before.
 */
class DatabaseClusterServiceTest {

    private static final LeaseTiming TIMING = new LeaseTiming(Duration.ofSeconds(3), Duration.ofMillis(300));
    private static HikariDataSource dataSource;
    private static ClusterLeases leases;

    @BeforeAll
    static void database() {
        dataSource = TestEnvironment.create("cluster-lease").openDatabase();
        leases = new ClusterLeases(dataSource, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Test
    void aLeaseIsHeldByOneNodeRenewedByItAndFreeOnceReleased() throws Exception {
        Duration ttl = Duration.ofMinutes(1);
        assertTrue(leases.acquire("unit", "a", ttl));
        assertFalse(leases.acquire("unit", "b", ttl));
        assertTrue(leases.acquire("unit", "a", ttl), "the holder renews");
        assertEquals(Optional.of("a"), leases.holder("unit"));
        leases.release("unit", "b");
        assertEquals(Optional.of("a"), leases.holder("unit"), "only the holder releases");
        leases.release("unit", "a");
        assertEquals(Optional.empty(), leases.holder("unit"));
        assertTrue(leases.acquire("unit", "b", ttl));
    }

    @Test
    void oneInstanceRunsTheRouteAndAnotherTakesOverWhenItStops() throws Exception {
        AtomicInteger ticksA = new AtomicInteger();
        AtomicInteger ticksB = new AtomicInteger();
        CamelContext a = instance("a", "takeover", ticksA);
        CamelContext b = instance("b", "takeover", ticksB);
        try {
            a.start();
            Await.until(ticksA::get, n -> n > 2, Duration.ofSeconds(30));
            b.start();
            int before = ticksA.get();
            Await.until(ticksA::get, n -> n > before + 5, Duration.ofSeconds(30));
            assertEquals(0, ticksB.get(), "the second instance waits while the first holds the lease");

            a.stop(); // a graceful stop releases the lease
            Await.until(ticksB::get, n -> n > 2, Duration.ofSeconds(30));
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    void theLeaseOfAnInstanceThatDiedIsTakenOverOnceItExpires() throws Exception {
        Duration ttl = Duration.ofSeconds(4);
        assertTrue(leases.acquire("failover", "killed-instance", ttl));
        Instant expiry = Instant.now().plus(ttl);
        AtomicReference<Instant> firstTick = new AtomicReference<>();
        AtomicInteger ticks = new AtomicInteger();
        CamelContext survivor = instance("survivor", "failover", ticks);
        survivor.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:failover:timer:failover-first?period=100")
                        .process(exchange -> firstTick.compareAndSet(null, Instant.now()));
            }
        });
        try {
            survivor.start();
            Instant first = Await.until(firstTick::get, tick -> tick != null, Duration.ofSeconds(60));
            assertFalse(first.isBefore(expiry), "not before the dead holder's lease expired");
            Await.until(ticks::get, n -> n > 0, Duration.ofSeconds(30));
        } finally {
            survivor.stop();
        }
    }

    private static CamelContext instance(String node, String namespace, AtomicInteger ticks) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addService(new DatabaseClusterService(node, leases, TIMING, Clock.systemUTC()), true, true);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:" + namespace + ":timer:" + namespace + "-" + node + "?period=100")
                        .process(exchange -> ticks.incrementAndGet());
            }
        });
        return context;
    }
}
