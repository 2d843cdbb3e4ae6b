package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.mapping.NameReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameResolverTest {

    private static final NameReference STANDARD_USER = new NameReference("Profile", "Name", "Standard User", "");
    private final List<String> queries = new ArrayList<>();
    private final Map<String, List<String>> org = new LinkedHashMap<>();
    private final NameResolver resolver = new NameResolver((application, soql) -> {
        queries.add(application + ": " + soql);
        List<JsonNode> records = new ArrayList<>();
        for (String id : org.getOrDefault(soql, List.of())) {
            records.add(new ObjectMapper().createObjectNode().put("Id", id));
        }
        return records;
    });

    @Test
    void looksANameUpOncePerApplication() throws Exception {
        org.put(NameResolver.query(STANDARD_USER), List.of("00eA"));
        assertEquals("00eA", resolver.resolve("one", STANDARD_USER));
        assertEquals("00eA", resolver.resolve("one", STANDARD_USER));
        assertEquals("00eA", resolver.resolve("two", STANDARD_USER));
        assertEquals(2, queries.size(), queries.toString());
        assertEquals("one: SELECT Id FROM Profile WHERE Name = 'Standard User' LIMIT 2", queries.get(0));
    }

    @Test
    void aMissIsNotCachedAndAnInvalidatedIdIsLookedUpAgain() throws Exception {
        var missing = assertThrows(
                NameResolver.UnresolvedNameException.class,
                () -> resolver.resolveAll("one", Map.of("ProfileId", STANDARD_USER)));
        assertTrue(
                missing.getMessage().startsWith("ProfileId: no Profile with Name = 'Standard User'"),
                missing.getMessage());
        org.put(NameResolver.query(STANDARD_USER), List.of("00eA"));
        assertEquals(
                Map.of("ProfileId", "00eA", "Alias", "x"),
                resolver.resolveAll("one", Map.of("ProfileId", STANDARD_USER, "Alias", "x")));
        org.put(NameResolver.query(STANDARD_USER), List.of("00eB"));
        assertEquals("00eA", resolver.resolve("one", STANDARD_USER));
        resolver.invalidate("one");
        assertEquals("00eB", resolver.resolve("one", STANDARD_USER));
    }

    @Test
    void severalMatchesAreRefusedAndQuotesEscaped() {
        NameReference role = new NameReference("UserRole", "DeveloperName", "O'Brien", "PortalType = 'None'");
        assertEquals(
                "SELECT Id FROM UserRole WHERE DeveloperName = 'O\\'Brien' AND (PortalType = 'None') LIMIT 2",
                NameResolver.query(role));
        org.put(NameResolver.query(role), List.of("00EA", "00EB"));
        var several = assertThrows(NameResolver.UnresolvedNameException.class, () -> resolver.resolve("one", role));
        assertTrue(several.getMessage().startsWith("2 records of UserRole"), several.getMessage());
    }
}
