package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.Inbox;
import io.provisioning.testsupport.Reports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The org's standard Lead duplicate rule meets users already present as Leads, created one at a time (HTTP API: a
 * single upsert through camel-salesforce) and as a file (one collection upsert). Each on-duplicate mode has its test
 * class; this holds what they share.
 */
final class DuplicateScenarios {

    /** How an outcome looks for one user whose Lead existed before. */
    record Outcome(String linkState, String reportStatus, String errorCode, String recordId, String message) {}

    private final ApiClient api;
    private final EmulatorClient org;
    private final DataSource dataSource;
    private final Path inbox;

    DuplicateScenarios(ApiClient api, EmulatorClient org, DataSource dataSource, Path inbox) {
        this.api = api;
        this.org = org;
        this.dataSource = dataSource;
        this.inbox = inbox;
    }

    /** A Lead someone made in Salesforce before the bundle knew the person. */
    String existingLead(String email, String lastName) {
        return org.create(
                "Lead", ApiClient.json(Map.of("LastName", lastName, "Company", "Earlier Inc", "Email", email)));
    }

    /** One user over HTTP, matching an existing Lead; the outcome once it is final. */
    Outcome single(String email, String lastName, String finalState) {
        ApiClient.Response created = api.post(
                "/api/users",
                ApiClient.json(Map.of("userName", email, "email", email, "lastName", lastName, "company", "Dup")));
        assertEquals(201, created.status(), created.body());
        JsonNode user = api.awaitFirstLinkState(created.json().path("id").asText(), finalState);
        return outcome(email, user);
    }

    /** Users from one file; the first {@code existing} of them match existing Leads; outcomes in file order. */
    List<Outcome> batch(String prefix, int users, String... finalStates) throws Exception {
        StringBuilder csv = new StringBuilder("userName,email,lastName,company\n");
        for (int i = 0; i < users; i++) {
            String email = prefix + i + "@example.com";
            csv.append(email)
                    .append(',')
                    .append(email)
                    .append(",Batch")
                    .append(i)
                    .append(",Dup\n");
        }
        Inbox.drop(inbox, prefix + ".csv", csv.toString());
        return java.util.stream.IntStream.range(0, users)
                .mapToObj(i -> {
                    String email = prefix + i + "@example.com";
                    Object id = Await.until(
                                    () -> Reports.rows(
                                            dataSource, "SELECT id FROM directory_user WHERE user_name_key = ?", email),
                                    r -> !r.isEmpty(),
                                    Duration.ofSeconds(60))
                            .get(0)
                            .get("id");
                    return outcome(email, api.awaitFirstLinkState(String.valueOf(id), finalStates[i]));
                })
                .toList();
    }

    private Outcome outcome(String email, JsonNode user) {
        JsonNode link = user.path("applications").path(0);
        List<Map<String, Object>> rows =
                Await.until(() -> Reports.forUser(dataSource, email), r -> !r.isEmpty(), Duration.ofSeconds(20));
        Map<String, Object> last = rows.get(rows.size() - 1);
        assertEquals(1, rows.size(), "one attempt, no retries: " + rows);
        return new Outcome(
                link.path("state").asText(),
                (String) last.get("status"),
                (String) last.get("error_code"),
                link.path("recordId").asText(null),
                (String) last.get("error_message"));
    }

    int leadsWithEmail(String email) {
        return org.query("SELECT COUNT() FROM Lead WHERE Email = '" + email + "'")
                .path("totalSize")
                .asInt();
    }

    /** link: the user is linked to the Lead that was there, nothing is created, the row says so. */
    void linkAdoptsTheMatchedLead() throws Exception {
        String existing = existingLead("ada.dup@example.com", "Lovelace");
        Outcome one = single("ada.dup@example.com", "Lovelace", "provisioned");
        assertEquals(existing, one.recordId());
        assertEquals("success", one.reportStatus());
        assertEquals("DUPLICATE_LINKED", one.errorCode());
        assertTrue(one.message().contains(existing), one.message());
        assertEquals(1, leadsWithEmail("ada.dup@example.com"));

        List<String> leads =
                List.of(existingLead("link0@example.com", "Batch0"), existingLead("link1@example.com", "Batch1"));
        List<Outcome> batch = batch("link", 3, "provisioned", "provisioned", "provisioned");
        for (int i = 0; i < 2; i++) {
            assertEquals(leads.get(i), batch.get(i).recordId(), batch.toString());
            assertEquals("DUPLICATE_LINKED", batch.get(i).errorCode());
            assertEquals(1, leadsWithEmail("link" + i + "@example.com"));
        }
        assertEquals("success", batch.get(2).reportStatus());
        assertEquals(null, batch.get(2).errorCode());
    }

    /** allow: the create carries allowSave=true; a second Lead is made and linked. */
    void allowCreatesASecondLead() throws Exception {
        String existing = existingLead("grace.dup@example.com", "Hopper");
        Outcome one = single("grace.dup@example.com", "Hopper", "provisioned");
        assertNotEquals(existing, one.recordId());
        assertEquals("success", one.reportStatus());
        assertEquals(2, leadsWithEmail("grace.dup@example.com"));

        existingLead("allow0@example.com", "Batch0");
        List<Outcome> batch = batch("allow", 2, "provisioned", "provisioned");
        assertEquals("success", batch.get(0).reportStatus(), batch.toString());
        assertEquals(2, leadsWithEmail("allow0@example.com"));
        assertEquals(1, leadsWithEmail("allow1@example.com"));
    }

    /** fail: a permanent failure naming the matched Lead; nothing created, no retry. */
    void failReportsTheMatchedLead() throws Exception {
        String existing = existingLead("hedy.dup@example.com", "Lamarr");
        Outcome one = single("hedy.dup@example.com", "Lamarr", "failed");
        assertEquals("failure", one.reportStatus());
        assertEquals("DUPLICATES_DETECTED", one.errorCode());
        assertTrue(one.message().contains(existing), one.message());
        assertEquals(1, leadsWithEmail("hedy.dup@example.com"));

        String lead = existingLead("fail0@example.com", "Batch0");
        List<Outcome> batch = batch("fail", 2, "failed", "provisioned");
        assertEquals("DUPLICATES_DETECTED", batch.get(0).errorCode(), batch.toString());
        assertTrue(batch.get(0).message().contains(lead), batch.get(0).message());
        assertEquals("success", batch.get(1).reportStatus());
        assertEquals(1, leadsWithEmail("fail0@example.com"));
    }
}
