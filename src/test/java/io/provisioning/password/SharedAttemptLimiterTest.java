package io.provisioning.password;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.provisioning.testsupport.MutableClock;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reset page's limiter in a cluster (issue 21): two instances' limiters on one database (H2, or PostgreSQL with
 * {@code provisioning.test.db}) count a client's failures together, so guesses spread over the instances reach the
 * limit once; failures leave the window after a minute.
 */
class SharedAttemptLimiterTest {

    private static HikariDataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = TestEnvironment.create("shared-attempts").openDatabase();
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Test
    void failuresOnEitherInstanceCountTowardsOneLimit() {
        MutableClock clock = new MutableClock();
        AttemptLimiter one = AttemptLimiter.shared(3, Duration.ofMinutes(1), clock, dataSource, "reset-link");
        AttemptLimiter two = AttemptLimiter.shared(3, Duration.ofMinutes(1), clock, dataSource, "reset-link");
        AttemptLimiter otherScope = AttemptLimiter.shared(3, Duration.ofMinutes(1), clock, dataSource, "other");

        one.failed("10.0.0.1");
        two.failed("10.0.0.1");
        assertFalse(one.blocked("10.0.0.1"));
        clock.now = clock.now.plusSeconds(30);
        two.failed("10.0.0.1");
        assertTrue(one.blocked("10.0.0.1"), "the third failure, on the other instance, reaches the limit");
        assertTrue(two.blocked("10.0.0.1"));
        assertFalse(one.blocked("10.0.0.2"), "per client");
        assertFalse(otherScope.blocked("10.0.0.1"), "per limiter");

        clock.now = clock.now.plusSeconds(31);
        assertFalse(two.blocked("10.0.0.1"), "the first two failures left the window");
        one.failed("10.0.0.1");
        one.failed("10.0.0.1");
        assertTrue(two.blocked("10.0.0.1"));
    }
}
