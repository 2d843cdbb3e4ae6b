package io.provisioning.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SoqlParserTest {
    @Test
    void parsesFieldsWhereOrderLimitOffset() {
        SoqlQuery q = SoqlParser.parse("select Id, LastName FROM Lead WHERE (Company = 'Acme' OR Company LIKE 'B%')"
                + " AND NOT IsDeleted = true ORDER BY LastName DESC NULLS LAST, Id LIMIT 10 OFFSET 5");
        assertEquals(2, q.fields().size());
        assertEquals("Lead", q.object().text());
        assertInstanceOf(SoqlQuery.And.class, q.where());
        assertEquals(2, q.orderBy().size());
        assertTrue(q.orderBy().get(0).descending());
        assertEquals(Boolean.FALSE, q.orderBy().get(0).nullsFirst());
        assertEquals(10, q.limit());
        assertEquals(5, q.offset());
    }

    @Test
    void parsesLiteralsAndInLists() {
        SoqlQuery q =
                SoqlParser.parse("SELECT Id FROM Lead WHERE Email IN ('a@b.c', 'it\\'s') AND NumberOfEmployees >= 10"
                        + " AND Title != null AND CreatedDate > 2024-01-31T10:00:00Z AND Status NOT IN ('x')");
        SoqlQuery.And top = (SoqlQuery.And) q.where();
        SoqlQuery.In notIn = (SoqlQuery.In) top.right();
        assertTrue(notIn.negated());
        SoqlQuery.Comparison date = (SoqlQuery.Comparison) ((SoqlQuery.And) top.left()).right();
        assertEquals("2024-01-31T10:00:00.000+0000", date.value().value());
        SoqlQuery.And inner = (SoqlQuery.And) ((SoqlQuery.And) top.left()).left();
        SoqlQuery.Comparison isNull = (SoqlQuery.Comparison) inner.right();
        assertNull(isNull.value().value());
        SoqlQuery.Comparison num = (SoqlQuery.Comparison) ((SoqlQuery.And) inner.left()).right();
        assertEquals(new BigDecimal("10"), num.value().value());
        SoqlQuery.In in = (SoqlQuery.In) ((SoqlQuery.And) inner.left()).left();
        assertFalse(in.negated());
        assertEquals("it's", in.values().get(1).value());
    }

    @Test
    void parsesCount() {
        SoqlQuery q = SoqlParser.parse("SELECT COUNT() FROM Contact");
        assertTrue(q.count());
        assertTrue(q.fields().isEmpty());
    }

    @Test
    void malformedQueriesAreMalformedQuery() {
        ApiException e = assertThrows(ApiException.class, () -> SoqlParser.parse("SELECT Id FROM Lead invalid"));
        assertEquals("MALFORMED_QUERY", e.errors().get(0).errorCode());
        assertEquals("unexpected token: 'invalid'", e.errors().get(0).message());
        assertThrows(ApiException.class, () -> SoqlParser.parse("SELECT FROM Lead"));
        assertThrows(ApiException.class, () -> SoqlParser.parse("SELECT Id FROM Lead WHERE Name = 'open"));
        assertThrows(ApiException.class, () -> SoqlParser.parse("SELECT Id Lead"));
    }

    @Test
    void likeIsCaseInsensitiveWithWildcardsAndEscapes() {
        assertTrue(SoqlEvaluator.like("Acme Corp", "acme%"));
        assertTrue(SoqlEvaluator.like("Acme", "Ac_e"));
        assertFalse(SoqlEvaluator.like("Acme", "Ac_"));
        assertTrue(SoqlEvaluator.like("100%", "100\\%"));
        assertFalse(SoqlEvaluator.like("1000", "100\\%"));
    }
}
