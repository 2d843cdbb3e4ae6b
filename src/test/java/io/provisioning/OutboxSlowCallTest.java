package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Reports;
import io.provisioning.testsupport.TestEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: Salesforce calls slower than the outbox lease, with two bundle instances on one database (H2, or
 * PostgreSQL with {@code provisioning.test.db}) and one org. The instance making a call keeps its items while it
 * waits, so the other never claims them and sends them again: one call, one report row and one attempt per item, for
 * a single write and for a collection call.
 */
class OutboxSlowCallTest {

    private static final String LEASE_SECONDS = "2";
    // more than five leases: the renewal was capped at five
    private static final int LATENCY_MS = 11_000;
    private static final String OUTBOX = "provisioning-outbox";

    @Test
    void callsSlowerThanTheLeaseAreSentOnceAndReportedOnce() throws Exception {
        TestEnvironment.clearSystemProperties();
        int orgPort = TestEnvironment.freePort();
        TestEnvironment first = TestEnvironment.create("outbox-slow-call")
                .with("provisioning.salesforce.emulator.port", String.valueOf(orgPort))
                .with("provisioning.outbox.lease-seconds", LEASE_SECONDS)
                .with("provisioning.salesforce.request-timeout-ms", "30000");
        // the second instance: its own ports and data folder, the same database and the first one's org
        TestEnvironment second = TestEnvironment.create("outbox-slow-call-b")
                .with("provisioning.outbox.lease-seconds", LEASE_SECONDS)
                .with("provisioning.salesforce.request-timeout-ms", "30000")
                .with("provisioning.application.salesforce.login-url", "http://127.0.0.1:" + orgPort)
                .with("provisioning.application.salesforce.client-id", "provisioning-emulator")
                .with("provisioning.application.salesforce.client-secret", "emulator-secret");
        first.properties().forEach((key, value) -> {
            if (key.startsWith("provisioning.db.")) {
                second.with(key, value);
            }
        });
        Main a = first.startBundle();
        Main b = second.startBundle();
        try {
            EmulatorClient org = EmulatorClient.defaultOrg("http://127.0.0.1:" + orgPort);
            DataSource db = a.lookup("dataSource", DataSource.class);
            org.control("PUT", "/emulator/latency", "{\"millis\":" + LATENCY_MS + "}");

            // one user: a single upsert
            slowRound(a, b, db, org, first.api(), List.of("slow.single@example.com"));
            assertEquals(1, org.callCount("upsert"), org.calls().toString());

            // three users claimed in one round: one collection upsert
            slowRound(
                    a,
                    b,
                    db,
                    org,
                    first.api(),
                    List.of("slow.one@example.com", "slow.two@example.com", "slow.three@example.com"));
            assertEquals(1, org.callCount("composite"), org.calls().toString());
            assertEquals(0, org.callCount("upsert"), org.calls().toString());

            assertEquals(
                    4,
                    org.query("SELECT COUNT() FROM Lead WHERE Company = 'Slow Inc'")
                            .path("totalSize")
                            .asInt());
            assertEquals(
                    4,
                    ((Number) Reports.rows(
                                            db,
                                            "SELECT COUNT(*) AS n FROM application_link WHERE state = 'provisioned'"
                                                    + " AND record_id LIKE '00Q%'")
                                    .get(0)
                                    .get("n"))
                            .intValue(),
                    "every user linked to its Lead");
        } finally {
            b.stop();
            a.stop();
        }
    }

    /**
     * The users' items are claimed by the first instance alone (the second one's poller waits until they are), then
     * the second polls all along the slow call: it must find nothing to claim.
     */
    private static void slowRound(Main a, Main b, DataSource db, EmulatorClient org, ApiClient api, List<String> emails)
            throws Exception {
        a.getCamelContext().getRouteController().stopRoute(OUTBOX);
        b.getCamelContext().getRouteController().stopRoute(OUTBOX);
        org.control("DELETE", "/emulator/calls", "");
        for (String email : emails) {
            ApiClient.Response created = api.post(
                    "/api/users",
                    ApiClient.json(
                            Map.of("userName", email, "email", email, "lastName", "Slow", "company", "Slow Inc")));
            assertEquals(201, created.status(), created.body());
        }
        a.getCamelContext().getRouteController().startRoute(OUTBOX);
        Await.until(() -> count(db, "status = 'pending' AND claimed_by IS NOT NULL"), n -> n == emails.size(), SOON);
        b.getCamelContext().getRouteController().startRoute(OUTBOX);
        Await.until(() -> count(db, "status <> 'done'"), n -> n == 0, Duration.ofSeconds(90));
        // the second instance keeps polling a while longer: an item taken over would be sent and reported again
        Thread.sleep(Long.parseLong(LEASE_SECONDS) * 1000 + 500);

        List<Map<String, Object>> rows = Reports.rows(
                db,
                "SELECT r.request_id, r.status, o.attempts FROM provisioning_report r"
                        + " JOIN provisioning_outbox o ON r.request_id = CONCAT('outbox-', CAST(o.id AS VARCHAR(20)))"
                        + " JOIN directory_user u ON u.id = o.user_id WHERE u.user_name_key IN ("
                        + String.join(
                                ", ", emails.stream().map(e -> "'" + e + "'").toList())
                        + ") ORDER BY r.request_id");
        assertEquals(emails.size(), rows.size(), "one report row per item: " + rows);
        assertEquals(
                emails.size(),
                rows.stream().map(r -> r.get("request_id")).distinct().count(),
                rows.toString());
        rows.forEach(r -> {
            assertEquals("success", r.get("status"), rows.toString());
            assertEquals(1, ((Number) r.get("attempts")).intValue(), "one attempt: " + rows);
        });
    }

    private static final Duration SOON = Duration.ofSeconds(30);

    private static long count(DataSource db, String where) {
        return ((Number) Reports.rows(db, "SELECT COUNT(*) AS n FROM provisioning_outbox WHERE " + where)
                        .get(0)
                        .get("n"))
                .longValue();
    }
}
