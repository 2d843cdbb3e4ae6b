package io.provisioning.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterSqlTest {

    private static FilterSql.Condition users(String filter) {
        return FilterSql.translate(FilterParser.parse(filter), ScimUserStore.COLUMNS);
    }

    @Test
    void valuesAreAlwaysBoundParameters() {
        FilterSql.Condition condition = users("userName eq \"Robert'); DROP TABLE directory_user;--\"");
        assertEquals("COALESCE(u.user_name_key = ?, FALSE)", condition.sql());
        assertEquals(List.of("robert'); drop table directory_user;--"), condition.parameters());
        assertFalse(condition.sql().contains("DROP"));
    }

    @Test
    void operatorsBecomeSql() {
        assertEquals(
                "COALESCE(LOWER(u.last_name) LIKE ? ESCAPE '\\', FALSE)",
                users("name.familyName sw \"Lo\"").sql());
        assertEquals(List.of("lo%"), users("name.familyName sw \"Lo\"").parameters());
        assertEquals(List.of("%100\\%\\_x%"), users("displayName co \"100%_x\"").parameters());
        assertEquals(
                List.of("%@example.com"), users("emails ew \"@EXAMPLE.com\"").parameters());
        assertEquals(
                "(s.external_id IS NULL OR s.external_id <> ?)",
                users("externalId ne \"X\"").sql());
        assertEquals(List.of("X"), users("externalId ne \"X\"").parameters(), "externalId is case-exact");
        assertEquals(
                "(u.email_key IS NOT NULL AND u.email_key <> '')",
                users("emails pr").sql());
        assertEquals("COALESCE(u.active = ?, FALSE)", users("active eq true").sql());
        FilterSql.Condition since = users("meta.lastModified ge \"2026-01-01T00:00:00Z\"");
        assertEquals("COALESCE(u.updated_at >= ?, FALSE)", since.sql());
        assertEquals(
                OffsetDateTime.parse("2026-01-01T00:00:00Z"), since.parameters().get(0));
        FilterSql.Condition combined = users(
                "not (userName eq \"a\") and (title eq \"x\" or active eq false)".replace("title", "displayName"));
        assertEquals(
                "((NOT COALESCE(u.user_name_key = ?, FALSE)) AND (COALESCE(LOWER(s.display_name) = ?, FALSE)"
                        + " OR COALESCE(u.active = ?, FALSE)))",
                combined.sql());
        assertEquals("(u.first_name IS NULL)", users("name.givenName eq null").sql());
    }

    @Test
    void groupMembersAndValuePaths() {
        FilterSql.Condition member =
                FilterSql.translate(FilterParser.parse("members[value eq \"u1\"]"), ScimGroupStore.COLUMNS);
        assertTrue(member.sql().startsWith("EXISTS ("), member.sql());
        assertEquals(List.of("u1"), member.parameters());
        assertEquals(
                member.sql(),
                FilterSql.translate(FilterParser.parse("members eq \"u1\""), ScimGroupStore.COLUMNS)
                        .sql());
    }

    @Test
    void unsupportedAttributesAndTypeMismatchesAreInvalidFilter() {
        for (String bad : List.of(
                "title eq \"x\"",
                "active eq \"yes\"",
                "active gt true",
                "meta.created co \"2026\"",
                "meta.created gt \"yesterday\"",
                "userName gt 5",
                "emails[type eq \"work\"]")) {
            ScimException e = assertThrows(ScimException.class, () -> users(bad), bad);
            assertEquals("invalidFilter", e.scimType(), bad);
        }
    }
}
