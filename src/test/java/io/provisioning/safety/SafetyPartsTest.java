package io.provisioning.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.directory.ApplicationStates;
import io.provisioning.salesforce.SalesforceFailure;
import io.provisioning.testsupport.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API budget's and the quarantine watch's rules, over an H2 directory and a captured report route. */
class SafetyPartsTest {

    private static final String APP = "salesforce";

    private final MutableClock clock = new MutableClock();
    private final List<Object> reported = new ArrayList<>();
    private CamelContext camel;
    private ApplicationStates states;
    private ApiBudget budget;
    private QuarantineWatch quarantine;

    @BeforeEach
    void start() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reports-write").process(e -> reported.add(e.getProperty("reportRows")));
            }
        });
        camel.start();
        states = new ApplicationStates(dataSource);
        SafetyReports reports = new SafetyReports(camel);
        Map<String, SafetySettings> settings =
                Map.of(APP, new SafetySettings(10, Duration.ofMinutes(5), 500, 50, 20, Duration.ofMinutes(10)));
        budget = new ApiBudget(states, settings, reports, clock);
        quarantine = new QuarantineWatch(states, settings, reports, clock);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void theBudgetPausesAtTheReserveAndCountsCallsItNeverSawAnswered() {
        budget.observed(APP, 899, 1000);
        assertTrue(states.stopped().isEmpty(), "101 left, reserve 100");
        budget.calledUnseen(APP); // a timeout: Salesforce may have counted it
        ApplicationStates.Stopped paused = states.stopped().get(APP);
        assertNotNull(paused);
        assertTrue(paused.paused());
        assertTrue(paused.reason().contains("100 of 1000"), paused.reason());
        assertEquals(clock.now.plus(Duration.ofMinutes(5)), paused.recheckAt().toInstant());
        assertEquals(1, reported.size(), "one pause row, not one per call");
        budget.observed(APP, 950, 1000);
        assertEquals(1, reported.size());
        assertTrue(budget.dueRechecks().isEmpty(), "not before the interval");
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertEquals(List.of(APP), budget.dueRechecks());
    }

    @Test
    void aWriteGoesOutOnlyWithBudgetAboveTheReserveBesidesTheCallsInFlight() {
        assertTrue(budget.admitCall(APP), "no usage seen yet");
        budget.callDone(APP);
        budget.observed(APP, 897, 1000); // 103 left, reserve 100
        assertTrue(budget.admitCall(APP));
        assertTrue(budget.admitCall(APP));
        assertTrue(budget.admitCall(APP), "103 - 2 in flight = 101: one more");
        assertFalse(budget.admitCall(APP), "103 - 3 in flight = 100: only the reserve is left");
        assertTrue(states.stopped().get(APP).reason().contains("3 call(s) in flight"));
        states.resume(APP, null);
        budget.callDone(APP);
        budget.callDone(APP);
        budget.callDone(APP);
        assertTrue(budget.admitCall(APP), "the calls in flight ended");
    }

    @Test
    void theDailyLimitPausesButTheConcurrentLimitOnlyRetries() {
        assertFalse(budget.limitExceeded(
                APP,
                new SalesforceFailure(
                        true,
                        403,
                        "REQUEST_LIMIT_EXCEEDED",
                        "ConcurrentRequests (Concurrent API Requests) Limit exceeded.")));
        assertTrue(states.stopped().isEmpty());
        assertFalse(budget.limitExceeded(APP, new SalesforceFailure(false, 400, "INVALID_FIELD", "x")));
        assertTrue(budget.limitExceeded(
                APP, new SalesforceFailure(true, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")));
        assertTrue(states.stopped().get(APP).paused());
        assertFalse(budget.limitExceeded("other", new SalesforceFailure(true, 403, "REQUEST_LIMIT_EXCEEDED", "x")));
    }

    @Test
    void aBudgetCheckAboveTheReserveResumesButNeverEndsAQuarantine() throws Exception {
        budget.limitExceeded(APP, new SalesforceFailure(true, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests"));
        budget.rechecked(APP, limits(1000, 50));
        assertTrue(states.stopped().get(APP).paused(), "50 left: still in the reserve");
        budget.rechecked(APP, limits(1000, 1000));
        assertTrue(states.stopped().isEmpty(), "a new day");
        assertEquals(1000, budget.usage(APP).orElseThrow().remaining());

        states.quarantine(APP, "storm", List.of("E: x"));
        budget.rechecked(APP, limits(1000, 1000));
        assertEquals(ApplicationStates.QUARANTINED, states.stopped().get(APP).state());
    }

    @Test
    void quarantineNeedsTheShareAmongEnoughRecentWrites() {
        for (int i = 0; i < 19; i++) {
            quarantine.failedPermanently(APP, "INVALID_FIELD: no such column " + i);
        }
        assertTrue(states.stopped().isEmpty(), "19 writes: under the minimum of 20");
        quarantine.succeeded(APP, 30);
        quarantine.failedPermanently(APP, "INVALID_FIELD: no such column 19");
        assertTrue(states.stopped().isEmpty(), "20 of 50 failed: under 50 %");
        for (int i = 20; i < 30; i++) {
            quarantine.failedPermanently(APP, "INVALID_FIELD: no such column " + i);
        }
        ApplicationStates.Stopped stopped = states.stopped().get(APP);
        assertNotNull(stopped, "30 of 60 failed");
        assertEquals(ApplicationStates.QUARANTINED, stopped.state());
        assertEquals(QuarantineWatch.SAMPLES, stopped.sampleErrors().size());
        assertEquals("INVALID_FIELD: no such column 29", stopped.sampleErrors().get(4));
    }

    @Test
    void writesOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 15; i++) {
            quarantine.failedPermanently(APP, "E: old");
        }
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        for (int i = 0; i < 10; i++) {
            quarantine.failedPermanently(APP, "E: new");
        }
        assertTrue(states.stopped().isEmpty(), "only 10 in the window");
        quarantine.clear(APP);
        assertNull(states.stopped().get(APP));
    }

    private org.apache.camel.Exchange limits(long max, long remaining) {
        DefaultExchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody("{\"DailyApiRequests\":{\"Max\":" + max + ",\"Remaining\":" + remaining + "}}");
        return exchange;
    }
}
