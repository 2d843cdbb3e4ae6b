package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InDoubtQueryTest {

    private static final Instant SINCE = Instant.parse("2026-12-01T15:04:05.678Z");

    @Test
    void oneQueryForTheBatchWithEachMatchFieldAsAnInListAndTheTimeWindow() {
        String soql = InDoubtQuery.build(
                "Lead",
                List.of("Email", "LastName"),
                List.of("LastName", "Company", "Email"),
                SINCE,
                List.of(
                        Map.of("Email", "ada@example.com", "LastName", "Lovelace", "Company", "AE"),
                        Map.of("Email", "bob@example.com", "LastName", "Lovelace", "Company", "AE")));
        assertEquals(
                "SELECT Id, CreatedById, CreatedDate, Email, LastName, Company FROM Lead"
                        + " WHERE CreatedDate >= 2026-12-01T15:04:05Z"
                        + " AND Email IN ('ada@example.com', 'bob@example.com') AND LastName IN ('Lovelace')",
                soql);
    }

    @Test
    void valuesCannotChangeTheQueryAndMissingValuesMatchNull() {
        Map<String, Object> noEmail = new HashMap<>();
        noEmail.put("Email", null);
        noEmail.put("LastName", "O'Brien \\' OR Id != null");
        String soql = InDoubtQuery.build(
                "Lead",
                List.of("Email", "LastName"),
                List.of(),
                SINCE,
                List.of(noEmail, Map.of("Email", "x@example.com", "LastName", "X")));
        assertEquals(
                "SELECT Id, CreatedById, CreatedDate, Email, LastName FROM Lead WHERE CreatedDate >= 2026-12-01T15:04:05Z"
                        + " AND (Email IN ('x@example.com') OR Email = null)"
                        + " AND LastName IN ('O\\'Brien \\\\\\' OR Id != null', 'X')",
                soql);
    }

    @Test
    void usersAreMatchedByUsernameOnly() {
        Map<String, Object> onlyNull = new HashMap<>();
        onlyNull.put("Username", null);
        assertEquals(
                "SELECT Id, CreatedById, CreatedDate, Username FROM User WHERE CreatedDate >= 2026-12-01T15:04:05Z"
                        + " AND Username = null",
                InDoubtQuery.build("User", List.of("Username"), List.of(), SINCE, List.of(onlyNull)));
        assertThrows(
                IllegalArgumentException.class,
                () -> InDoubtQuery.build("User", List.of(), List.of(), SINCE, List.of(onlyNull)));
    }

    @Test
    void aBatchWhoseQueryWouldNotFitInOneRequestIsLookedUpInParts() {
        List<Map<String, Object>> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            bodies.add(Map.of("Email", "user" + i + ".with.a.long.mailbox@example.com", "LastName", "Last" + i));
        }
        java.util.function.ToIntFunction<List<Map<String, Object>>> length = part -> InDoubtLookup.encodedLength(
                InDoubtQuery.build("Lead", List.of("Email", "LastName"), List.of(), SINCE, part));
        assertTrue(length.applyAsInt(bodies) > InDoubtLookup.MAX_ENCODED_QUERY, "one query would be too long");

        List<List<Map<String, Object>>> parts = InDoubtQuery.parts(bodies, length, InDoubtLookup.MAX_ENCODED_QUERY);

        assertTrue(parts.size() > 1, "split: " + parts.size());
        assertEquals(bodies, parts.stream().flatMap(List::stream).toList(), "every item once, in order");
        parts.forEach(part -> assertTrue(length.applyAsInt(part) <= InDoubtLookup.MAX_ENCODED_QUERY));
        assertTrue(
                length.applyAsInt(java.util.stream.Stream.concat(
                                        parts.get(0).stream(),
                                        parts.get(1).stream().limit(1))
                                .toList())
                        > InDoubtLookup.MAX_ENCODED_QUERY,
                "each part is as full as it can be");
    }

    @Test
    void anItemTooLongOnItsOwnIsAPartByItself() {
        List<List<String>> parts = InDoubtQuery.parts(
                List.of("a", "bbbbbbbbbb", "c"), part -> String.join("", part).length(), 5);
        assertEquals(List.of(List.of("a"), List.of("bbbbbbbbbb"), List.of("c")), parts);
    }
}
