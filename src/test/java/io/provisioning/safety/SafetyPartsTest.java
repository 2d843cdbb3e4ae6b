package io.provisioning.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.directory.ApplicationStates;
import io.provisioning.directory.HeldOperations;
import io.provisioning.directory.Operation;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxItem;
import io.provisioning.directory.WriteWindows;
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
    private JdbcDataSource dataSource;
    private Map<String, SafetySettings> settings;
    private SafetyReports reports;

    /** A watch as another instance (or this one after a restart) has it: over the same database. */
    private QuarantineWatch watch() {
        return new QuarantineWatch(
                new ApplicationStates(dataSource), new WriteWindows(dataSource), settings, reports, clock);
    }

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
                Map.of(APP, new SafetySettings(10, 2, Duration.ofMinutes(5), 5, 50, 20, Duration.ofMinutes(10)));
        this.dataSource = dataSource;
        this.settings = settings;
        this.reports = reports;
        budget = new ApiBudget(states, settings, reports, clock);
        quarantine = watch();
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

    @Test
    void aPausedApplicationResumesOnlyAboveTheReserveByTheMargin() throws Exception {
        budget.observed(APP, 900, 1000);
        assertTrue(states.stopped().get(APP).paused(), "100 left: the reserve");
        budget.rechecked(APP, limits(1000, 120));
        assertTrue(states.stopped().get(APP).paused(), "120 left: reserve 100 + margin 20 not passed");
        budget.rechecked(APP, limits(1000, 121));
        assertTrue(states.stopped().isEmpty(), "121 left: above reserve and margin");
        budget.observed(APP, 880, 1000);
        assertTrue(states.stopped().isEmpty(), "120 left after resuming: writes go on down to the reserve");
        budget.observed(APP, 900, 1000);
        assertTrue(states.stopped().get(APP).paused());
    }

    @Test
    void budgetChecksOfALongPauseBackOffSoTheyTakeLittleOfTheReserve() throws Exception {
        budget.limitExceeded(APP, new SalesforceFailure(true, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests"));
        List<Duration> checkedAt = new ArrayList<>();
        java.time.Instant start = clock.now;
        for (int minute = 1; minute <= 24 * 60; minute++) {
            clock.now = start.plus(Duration.ofMinutes(minute));
            if (!budget.dueRechecks().isEmpty()) {
                checkedAt.add(Duration.ofMinutes(minute));
                if (minute % 2 == 0) {
                    budget.rechecked(APP, limits(1000, 10)); // still in the reserve
                } else {
                    budget.recheckFailed(APP, new IllegalStateException("REQUEST_LIMIT_EXCEEDED"));
                }
            }
        }
        assertEquals(Duration.ofMinutes(5), checkedAt.get(0), "the first check after one interval");
        assertEquals(Duration.ofMinutes(10), checkedAt.get(1));
        for (int i = 1; i < checkedAt.size(); i++) {
            Duration gap = checkedAt.get(i).minus(checkedAt.get(i - 1));
            assertTrue(gap.compareTo(Duration.ofMinutes(30)) <= 0, "never more than 6 intervals apart: " + gap);
        }
        assertTrue(checkedAt.size() <= 60, "a day's pause costs " + checkedAt.size() + " /limits calls, not 288");
        assertTrue(states.stopped().get(APP).paused());
    }

    @Test
    void theQuarantineWindowIsSharedByInstancesAndKeptAcrossARestart() {
        QuarantineWatch other = watch();
        for (int i = 0; i < 9; i++) {
            quarantine.failedPermanently(APP, "INVALID_FIELD: here " + i);
            other.failedPermanently(APP, "INVALID_FIELD: there " + i);
        }
        assertTrue(states.stopped().isEmpty(), "18 writes in all: under the minimum of 20");
        QuarantineWatch restarted = watch();
        restarted.failedPermanently(APP, "INVALID_FIELD: after restart 1");
        restarted.failedPermanently(APP, "INVALID_FIELD: after restart 2");
        ApplicationStates.Stopped stopped = states.stopped().get(APP);
        assertNotNull(stopped, "20 of 20 failed, counted over both instances and the restart");
        assertTrue(stopped.reason().startsWith("20 of the last 20"), stopped.reason());
        assertEquals("INVALID_FIELD: after restart 2", stopped.sampleErrors().get(1));
        states.resume(APP, null);
        other.clear(APP);
        quarantine.failedPermanently(APP, "INVALID_FIELD: x");
        assertTrue(states.stopped().isEmpty(), "a resume forgets the window of every instance");
    }

    @Test
    void successesAreWrittenOnceASecondAndStillCount() {
        QuarantineWatch other = watch();
        quarantine.succeeded(APP, 1); // written: the first
        for (int i = 0; i < 40; i++) {
            quarantine.succeeded(APP, 1); // kept until a second passed or a failure
        }
        clock.now = clock.now.plusSeconds(1);
        for (int i = 0; i < 20; i++) {
            other.failedPermanently(APP, "E: " + i);
        }
        assertNotNull(states.stopped().get(APP), "20 of 21 written: the 40 unwritten successes are not seen yet");
        states.resume(APP, null);
        quarantine.clear(APP);
        quarantine.succeeded(APP, 1);
        for (int i = 0; i < 40; i++) {
            quarantine.succeeded(APP, 1);
        }
        for (int i = 0; i < 20; i++) {
            quarantine.failedPermanently(APP, "E: " + i);
        }
        assertTrue(states.stopped().isEmpty(), "this instance's failure writes its waiting successes first: 20 of 61");
    }

    @Test
    void twoInstancesNeverLetMoreDeletionsThroughThanTheThreshold() throws Exception {
        List<OutboxItem> first = deletions(10);
        List<OutboxItem> second = deletions(10);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService instances = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = instances.submit(() -> {
                start.await();
                return threshold().admit(first);
            });
            var b = instances.submit(() -> {
                start.await();
                return threshold().admit(second);
            });
            int sent = a.get().size() + b.get().size();
            assertEquals(5, sent, "threshold 5 over both instances");
        } finally {
            instances.shutdownNow();
        }
        HeldOperations held = new HeldOperations(dataSource);
        assertEquals(15L, held.heldCounts().get(APP));
        assertTrue(threshold().admit(deletions(1)).isEmpty(), "held ones wait for a decision: the next is held too");
    }

    @Test
    void aJobsEtaIncludesTheWaitForTheBudgetCheckAndHasNoneInQuarantine() {
        ApplicationSafetyResource resource =
                new ApplicationSafetyResource(null, states, null, budget, quarantine, reports, settings, clock);
        Map<String, Object> job = Map.of("provisioningPending", 10, "estimatedSecondsLeft", 20);
        assertEquals(job, resource.withWaits(job), "running: the job's own estimate");
        budget.limitExceeded(APP, new SalesforceFailure(true, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests"));
        Map<String, Object> paused = resource.withWaits(job);
        assertEquals(320L, paused.get("estimatedSecondsLeft"), "20 s of work after the check in 5 min");
        assertEquals(1, ((List<?>) paused.get("waitingFor")).size(), paused.toString());
        states.quarantine(APP, "storm", List.of("E: x"));
        Map<String, Object> quarantined = resource.withWaits(job);
        assertTrue(quarantined.containsKey("estimatedSecondsLeft"));
        assertNull(quarantined.get("estimatedSecondsLeft"), "a quarantine ends when a person resumes it");
    }

    @Test
    void workersStoppingTheApplicationAtTheSameMomentNeitherThrowNorReportTwice() throws Exception {
        // issue 17: two answers of one claim refused at once both stop the application; the second insert of the
        // state row failed with a duplicate key, the exception left the outcome unrecorded and the item claimed
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
                List<java.util.concurrent.Future<Boolean>> stops = new ArrayList<>();
                for (int worker = 0; worker < 4; worker++) {
                    boolean quarantines = worker % 2 == 0;
                    stops.add(workers.submit(() -> {
                        together.await();
                        return quarantines
                                ? states.quarantine(APP, "storm", List.of("E: x"))
                                : states.pause(APP, "limit", clock.now.atOffset(java.time.ZoneOffset.UTC), null);
                    }));
                }
                int started = 0;
                for (java.util.concurrent.Future<Boolean> stop : stops) {
                    started += stop.get() ? 1 : 0; // throws when a worker did
                }
                assertTrue(started >= 1 && started <= 2, "one stop, a quarantine may follow a pause: " + started);
                assertEquals(
                        ApplicationStates.QUARANTINED, states.stopped().get(APP).state(), "a pause never ends one");
                states.resume(APP, null);
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private DeletionThreshold threshold() {
        return new DeletionThreshold(
                new HeldOperations(dataSource),
                new Outbox(dataSource, Duration.ofMinutes(2)),
                settings,
                reports,
                clock);
    }

    /** Pending delete items (API work, no file job), as claimed. */
    private List<OutboxItem> deletions(int count) throws Exception {
        List<OutboxItem> items = new ArrayList<>();
        try (var connection = dataSource.getConnection();
                var insert = connection.prepareStatement(
                        "INSERT INTO provisioning_outbox (user_id, application, operation, source, status, attempts,"
                                + " next_attempt_at, created_at) VALUES (?, ?, 'delete', 'test', 'pending', 0,"
                                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                        new String[] {"id"})) {
            for (int i = 0; i < count; i++) {
                String user = UUID.randomUUID().toString();
                insert.setString(1, user);
                insert.setString(2, APP);
                insert.executeUpdate();
                try (var keys = insert.getGeneratedKeys()) {
                    keys.next();
                    items.add(
                            new OutboxItem(keys.getLong(1), user, APP, Operation.DELETE, "test", 0, null, null, null));
                }
            }
        }
        return items;
    }

    private org.apache.camel.Exchange limits(long max, long remaining) {
        DefaultExchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody("{\"DailyApiRequests\":{\"Max\":" + max + ",\"Remaining\":" + remaining + "}}");
        return exchange;
    }
}
