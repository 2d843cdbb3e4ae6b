package io.provisioning.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares the records an org holds (read through {@link EmulatorClient#queryAll}, each with {@code Id} and {@code
 * Email}) with the directory's links: what the chaos runs count after the faults.
 */
public final class OrgTally {

    private OrgTally() {}

    /** Records beyond the first for the same e-mail address. */
    public static int duplicates(List<JsonNode> records) {
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (JsonNode record : records) {
            if (!seen.add(email(record))) {
                duplicates++;
            }
        }
        return duplicates;
    }

    /** Users of the application whose link names the one record carrying their user name as e-mail address. */
    public static int linked(SchemaQueries db, String application, List<JsonNode> records) {
        Map<String, String> byEmail = new HashMap<>();
        records.forEach(r -> byEmail.put(email(r), r.path("Id").asText()));
        int[] linked = {0};
        db.forEach(
                "SELECT u.user_name_key, l.record_id FROM application_link l JOIN directory_user u ON u.id = l.user_id"
                        + " WHERE l.application = '" + application + "'",
                row -> {
                    if (row.getString(2) != null && row.getString(2).equals(byEmail.get(row.getString(1)))) {
                        linked[0]++;
                    }
                });
        return linked[0];
    }

    private static String email(JsonNode record) {
        return record.path("Email").asText().toLowerCase(Locale.ROOT);
    }
}
