package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxItem;
import io.provisioning.support.ExchangeKeys;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Outbox leases and outcomes of two instances on one database (H2, or PostgreSQL with {@code provisioning.test.db}),
 * through the real {@link Outbox}, {@link ApplicationLinks} and {@link OutcomeRecorder}: a live instance keeps its
 * items past the lease; an instance that lost an item records nothing for it (no link change, no report row); and an
 * outcome commits with its report row or not at all.
 */
class OutcomeOwnershipTest {

    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final String APPLICATION = "salesforce";

    private HikariDataSource dataSource;
    private Exchange exchange;

    @BeforeEach
    void database(TestInfo test) {
        // a database per case (the claims take any item); PostgreSQL cuts schema names at 63 characters
        String name = test.getTestMethod().orElseThrow().getName();
        dataSource = TestEnvironment.create("outcome-" + name.substring(0, Math.min(40, name.length())))
                .openDatabase();
        exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(ExchangeKeys.APPLICATION, APPLICATION);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void aLiveInstanceKeepsItsItemPastTheLeaseUntilItsWorkerIsDone() throws Exception {
        Outbox a = new Outbox(dataSource, LEASE);
        Outbox b = new Outbox(dataSource, LEASE);
        enqueue(user("kept@example.com"));
        List<OutboxItem> claimed = a.claimDue(10);
        assertEquals(1, claimed.size());
        long until = System.nanoTime() + LEASE.multipliedBy(3).toNanos();
        while (System.nanoTime() < until) {
            a.renewLeases();
            assertEquals(List.of(), b.claimDue(10), "the other instance must not take a renewed item");
            Thread.sleep(100);
        }
        // the worker ends without an outcome: no longer renewed, the other instance takes it once the lease ran out
        a.workDone(claimed);
        assertFalse(a.working(claimed.get(0).id()));
        Thread.sleep(LEASE.toMillis() + 300);
        a.renewLeases();
        assertEquals(1, b.claimDue(10).size());
    }

    @Test
    void anInstanceThatLostItsItemRecordsNothingAndTheNewOwnerRecordsOnce() throws Exception {
        Outbox a = new Outbox(dataSource, LEASE);
        Outbox b = new Outbox(dataSource, LEASE);
        OutcomeRecorder recorderA = recorder(a);
        OutcomeRecorder recorderB = recorder(b);
        String first = user("first@example.com");
        long firstItem = enqueue(first);
        OutboxItem lateCopy = a.claimDue(10).get(0);
        Thread.sleep(LEASE.toMillis() + 300); // a stalls without renewing: its lease runs out
        OutboxItem taken = b.claimDue(10).get(0);
        assertEquals(firstItem, taken.id());

        assertEquals(List.of(), recorderA.succeeded(lateCopy, plan(), "00QA", null, along(lateCopy)));
        assertEquals(List.of(Map.of("state", "pending")), link(first), "no link change by the late finisher");
        assertEquals(0, reportRows(), "no report row by the late finisher");
        assertEquals("pending", item(firstItem).get("status"));

        assertEquals(
                1,
                recorderB.succeeded(taken, plan(), "00QB", null, along(taken)).size());
        assertEquals(1, reportRows());
        assertEquals(List.of(Map.of("state", "provisioned", "record_id", "00QB")), linkWithRecord(first));
        assertEquals("done", item(firstItem).get("status"));
        assertEquals(1, ((Number) item(firstItem).get("attempts")).intValue());

        // a late retry or failure is not recorded either
        SalesforceFailure busy = new SalesforceFailure(true, 503, "SERVER_UNAVAILABLE", "busy");
        assertEquals(List.of(), recorderA.failed(lateCopy, plan(), busy, false, along(lateCopy)));
        assertEquals("done", item(firstItem).get("status"));
        assertEquals(1, reportRows());

        // a collection call's results: the item still held is recorded, the lost one is left out
        String second = user("second@example.com");
        long secondItem = enqueue(second);
        OutboxItem held = a.claimDue(10).get(0);
        assertEquals(secondItem, held.id());
        List<Map<String, Object>> rows = recorderA.succeededAll(
                List.of(lateCopy, held),
                List.of(plan(), plan()),
                java.util.Arrays.asList("00QA", "00QC"),
                java.util.Arrays.asList(null, null),
                OutcomeRecorder.BatchReports.stored(exchange, List.of(lateCopy, held), List.of("first", "second")));
        // only the held item's row, matched to it although the lost one came first
        assertEquals(1, rows.size());
        assertEquals("second", rows.get(0).get(io.provisioning.support.ExchangeKeys.USER_IDENTIFIER));
        assertEquals("outbox-" + secondItem, rows.get(0).get(io.provisioning.support.ExchangeKeys.REQUEST_ID));
        assertEquals(List.of(Map.of("state", "provisioned", "record_id", "00QB")), linkWithRecord(first));
        assertEquals(List.of(Map.of("state", "provisioned", "record_id", "00QC")), linkWithRecord(second));
        assertEquals(2, reportRows());
    }

    @Test
    void aFailureOrRetryCommitsWithItsReportRowOrNotAtAll() throws Exception {
        Outbox a = new Outbox(dataSource, Duration.ofMinutes(1));
        OutcomeRecorder recorder = recorder(a);
        String user = user("refused@example.com");
        long id = enqueue(user);
        OutboxItem item = a.claimDue(10).get(0);
        // the report row cannot be written (as if the database refused it at that moment)
        sql("ALTER TABLE provisioning_report ADD CONSTRAINT report_refused_in_test"
                + " CHECK (error_code IS NULL OR error_code NOT IN ('REFUSED_IN_TEST', 'BUSY_IN_TEST'))");
        Object nextAttempt = item(id).get("next_attempt_at");

        SalesforceFailure permanent = new SalesforceFailure(false, 400, "REFUSED_IN_TEST", "refused");
        assertThrows(IllegalStateException.class, () -> recorder.failed(item, plan(), permanent, false, along(item)));
        assertEquals("pending", item(id).get("status"), "the failure was rolled back with its row");
        assertEquals(List.of(Map.of("state", "pending")), link(user), "and so was the link");

        SalesforceFailure busy = new SalesforceFailure(true, 503, "BUSY_IN_TEST", "busy");
        assertThrows(IllegalStateException.class, () -> recorder.failed(item, plan(), busy, false, along(item)));
        assertEquals(0, ((Number) item(id).get("attempts")).intValue(), "the retry was rolled back with its row");
        assertEquals(nextAttempt, item(id).get("next_attempt_at"));
        assertEquals(0, reportRows());
        assertTrue(a.working(id), "still this instance's, renewed until its worker is done");

        SalesforceFailure retry = new SalesforceFailure(true, 503, "SERVER_UNAVAILABLE", "busy");
        assertEquals(1, recorder.failed(item, plan(), retry, false, along(item)).size());
        assertEquals(1, ((Number) item(id).get("attempts")).intValue());
        assertEquals(List.of(Map.of("status", "retrying")), reportStatuses());
        Thread.sleep(1500); // the retry delay
        OutboxItem retried = a.claimDue(10).get(0);
        assertEquals(id, retried.id());
        SalesforceFailure gone = new SalesforceFailure(false, 400, "INVALID_FIELD", "bad");
        assertEquals(
                1, recorder.failed(retried, plan(), gone, false, along(retried)).size());
        assertEquals("failed", item(id).get("status"));
        assertEquals(List.of(Map.of("state", "failed")), link(user));
        assertEquals(List.of(Map.of("status", "retrying"), Map.of("status", "failure")), reportStatuses());
    }

    private OutcomeRecorder recorder(Outbox outbox) {
        return new OutcomeRecorder(
                new ApplicationLinks(dataSource),
                outbox,
                new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                new LoginGuard(Duration.ofMinutes(5), Clock.systemUTC()));
    }

    private OutcomeRecorder.ReportsAlong along(OutboxItem item) {
        return BatchWriter.along(exchange, item, item.userId());
    }

    private static WritePlan plan() {
        return WritePlan.create(Map.of("LastName", "Owner"));
    }

    private String user(String name) throws Exception {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        sql(
                "INSERT INTO directory_user (id, user_name, user_name_key, email, active, onboarding_status,"
                        + " created_at, updated_at, version) VALUES (?, ?, ?, ?, TRUE, 'provisioning', ?, ?, 1)",
                id,
                name,
                name,
                name,
                now,
                now);
        sql(
                "INSERT INTO application_link (user_id, application, state, updated_at) VALUES (?, ?, 'pending', ?)",
                id,
                APPLICATION,
                now);
        return id;
    }

    private long enqueue(String userId) throws Exception {
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        sql(
                "INSERT INTO provisioning_outbox (user_id, application, operation, source, status, attempts,"
                        + " next_attempt_at, created_at) VALUES (?, ?, 'create', 'test', 'pending', 0, ?, ?)",
                userId,
                APPLICATION,
                past,
                past);
        return ((Number) Reports.rows(dataSource, "SELECT MAX(id) AS id FROM provisioning_outbox")
                        .get(0)
                        .get("id"))
                .longValue();
    }

    private Map<String, Object> item(long id) {
        return Reports.rows(
                        dataSource,
                        "SELECT status, attempts, next_attempt_at, claimed_by FROM provisioning_outbox WHERE id = ?",
                        id)
                .get(0);
    }

    private List<Map<String, Object>> link(String userId) {
        return Reports.rows(dataSource, "SELECT state FROM application_link WHERE user_id = ?", userId);
    }

    private List<Map<String, Object>> linkWithRecord(String userId) {
        return Reports.rows(dataSource, "SELECT state, record_id FROM application_link WHERE user_id = ?", userId);
    }

    private long reportRows() {
        return ((Number) Reports.rows(dataSource, "SELECT COUNT(*) AS n FROM provisioning_report")
                        .get(0)
                        .get("n"))
                .longValue();
    }

    private List<Map<String, Object>> reportStatuses() {
        return Reports.rows(dataSource, "SELECT status FROM provisioning_report ORDER BY id");
    }

    private void sql(String statement, Object... args) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (args.length == 0) {
                try (Statement plain = connection.createStatement()) {
                    plain.execute(statement);
                }
                return;
            }
            try (PreparedStatement update = connection.prepareStatement(statement)) {
                for (int i = 0; i < args.length; i++) {
                    update.setObject(i + 1, args[i]);
                }
                update.executeUpdate();
            }
        }
    }
}
