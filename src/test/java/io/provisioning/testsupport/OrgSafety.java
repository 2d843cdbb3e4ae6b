package io.provisioning.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** What the org-safety tests (issue 17) read and do through the API and the database. */
public final class OrgSafety {

    private final ApiClient api;
    private final DataSource dataSource;

    public OrgSafety(ApiClient api, DataSource dataSource) {
        this.api = api;
        this.dataSource = dataSource;
    }

    /** Creates a user through the API; returns its id. */
    public String createUser(String userName) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of("userName", userName, "email", userName, "lastName", "Safe", "company", "Acme")));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    /** The application's view in {@code GET /api/applications}. */
    public JsonNode application(String name) {
        for (JsonNode application : api.get("/api/applications").json()) {
            if (name.equals(application.path("name").asText())) {
                return application;
            }
        }
        throw new AssertionError("no application " + name);
    }

    /** Waits until the application is in the state; its view then. */
    public JsonNode awaitState(String name, String state, Duration timeout) {
        return Await.until(
                () -> application(name), a -> state.equals(a.path("state").asText()), timeout);
    }

    /** Outbox items of the application with the status. */
    public long outbox(String application, String status) {
        return count(
                "SELECT COUNT(*) AS n FROM provisioning_outbox WHERE application = ? AND status = ?",
                application,
                status);
    }

    /** Pending items of the application claimed by a worker: calls in flight (or claims nobody gave back). */
    public long claimed(String application) {
        return count(
                "SELECT COUNT(*) AS n FROM provisioning_outbox WHERE application = ? AND status = ?"
                        + " AND claimed_by IS NOT NULL",
                application,
                "pending");
    }

    /** Report rows of the application with the status. */
    public long reportRows(String application, String status) {
        return count(
                "SELECT COUNT(*) AS n FROM provisioning_report WHERE application = ? AND status = ?",
                application,
                status);
    }

    /** Lines of the report CSV (what the report page exports) of the application with the status, header left out. */
    public List<String> reportCsv(String application, String status) {
        java.net.http.HttpResponse<String> csv =
                api.getWithHeaders("/api/reports?application=" + application + "&status=" + status + "&format=csv");
        assertEquals(200, csv.statusCode(), csv.body());
        return csv.body().lines().skip(1).toList();
    }

    private long count(String sql, Object... parameters) {
        List<Map<String, Object>> rows = Reports.rows(dataSource, sql, parameters);
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }
}
