package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Inbox;
import io.provisioning.testsupport.Reports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The two examples of issue 14, run against a bundle with and without an external-id field: a lost answer of a call
 * Salesforce applied must not leave a second record. {@code note} is how the report row tells the resolution.
 */
final class ExactlyOnceScenarios {

    /** A lost answer after the call was applied: the emulator applies it, holds the line briefly, then drops it. */
    static final String LOST_AFTER_APPLY =
            "{\"operation\":\"%s\",\"count\":1,\"timeout\":true,\"applied\":true,\"millis\":%d}";

    private final ApiClient api;
    private final EmulatorClient org;
    private final DataSource dataSource;
    private final Path inbox;
    private final String note;

    ExactlyOnceScenarios(ApiClient api, EmulatorClient org, DataSource dataSource, Path inbox, String note) {
        this.api = api;
        this.org = org;
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.note = note;
    }

    /**
     * One user created over HTTP, its create's answer lost once: exactly one Lead, linked, and the resolution reported.
     */
    void oneUserWhoseCreateAnswerIsLost(String operation) {
        org.injectFault(String.format(LOST_AFTER_APPLY, operation, 100));
        String userId = createOverHttp("lost.answer@example.com", "Answer");
        JsonNode user = api.awaitFirstLinkState(userId, "provisioned");
        String leadId = user.path("applications").path(0).path("recordId").asText();

        JsonNode leads = org.query("SELECT Id FROM Lead WHERE Email = 'lost.answer@example.com'");
        assertEquals(1, leads.path("totalSize").asInt(), "one Lead, not two: " + leads);
        assertEquals(leadId, leads.path("records").path(0).path("Id").asText(), "the user is linked to it");
        assertEquals(
                1,
                org.calls().path("answerLost").path(operation).asInt(),
                org.calls().toString());

        List<Map<String, Object>> rows = Await.until(
                () -> Reports.forUser(dataSource, "lost.answer@example.com"),
                r -> r.size() >= 2,
                Duration.ofSeconds(10));
        assertEquals(
                List.of("retrying", "success"),
                rows.stream().map(r -> r.get("status")).toList(),
                rows.toString());
        assertEquals(note, rows.get(1).get("error_code"), rows.toString());
        assertEquals(leadId, rows.get(1).get("record_id"));
    }

    /** 40 users at once (one file), one collection call's answer lost: exactly 40 Leads, one per user. */
    void fortyUsersWhoseCollectionAnswerIsLost() throws Exception {
        org.injectFault(String.format(LOST_AFTER_APPLY, "composite", 100));
        StringBuilder csv = new StringBuilder("userName,email,lastName,company\n");
        for (int i = 0; i < 40; i++) {
            csv.append("forty")
                    .append(i)
                    .append("@example.com,forty")
                    .append(i)
                    .append("@example.com,Forty")
                    .append(i)
                    .append(",Forty Inc\n");
        }
        Inbox.drop(inbox, "forty.csv", csv.toString());
        Await.until(
                () -> Reports.rows(
                                dataSource,
                                "SELECT COUNT(*) AS n FROM application_link l JOIN directory_user u"
                                        + " ON u.id = l.user_id WHERE u.user_name_key LIKE 'forty%' AND l.state = 'provisioned'")
                        .get(0)
                        .get("n"),
                n -> ((Number) n).intValue() == 40,
                Duration.ofSeconds(60));

        assertEquals(
                40,
                org.query("SELECT COUNT() FROM Lead WHERE Company = 'Forty Inc'")
                        .path("totalSize")
                        .asInt(),
                "40 Leads for 40 users");
        List<Map<String, Object>> links = Reports.rows(
                dataSource,
                "SELECT l.record_id FROM application_link l"
                        + " JOIN directory_user u ON u.id = l.user_id WHERE u.user_name_key LIKE 'forty%'");
        Set<Object> linked = new HashSet<>();
        links.forEach(l -> linked.add(l.get("record_id")));
        Set<Object> leads = new HashSet<>();
        org.query("SELECT Id FROM Lead WHERE Company = 'Forty Inc'")
                .path("records")
                .forEach(r -> leads.add(r.path("Id").asText()));
        assertEquals(leads, linked, "each user linked to its own Lead");
        assertTrue(
                org.calls().path("answerLost").path("composite").asInt() == 1,
                org.calls().toString());

        // the report rows are written right after the links
        List<Map<String, Object>> resolved = Await.until(
                () -> Reports.rows(
                        dataSource,
                        "SELECT error_code FROM"
                                + " provisioning_report WHERE user_identifier_key LIKE 'forty%' AND status = 'success'"),
                rows -> rows.size() == 40,
                Duration.ofSeconds(10));
        assertTrue(
                resolved.stream().allMatch(r -> note.equals(r.get("error_code"))), "every row tells how: " + resolved);
    }

    String createOverHttp(String email, String lastName) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(
                        Map.of("userName", email, "email", email, "lastName", lastName, "company", "Exactly Once")));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }
}
