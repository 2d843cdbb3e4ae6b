package io.provisioning.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterParserTest {

    @Test
    void andBindsTighterThanOrAndKeywordsIgnoreCase() {
        Filter filter = FilterParser.parse("userName Eq \"a\" OR title pr AND not (active eq false)");
        Filter.Or or = assertInstanceOf(Filter.Or.class, filter);
        Filter.Compare left = assertInstanceOf(Filter.Compare.class, or.left());
        assertEquals(Filter.Op.EQ, left.op());
        assertEquals("a", left.value().textValue());
        Filter.And and = assertInstanceOf(Filter.And.class, or.right());
        assertInstanceOf(Filter.Present.class, and.left());
        assertInstanceOf(Filter.Not.class, and.right());
    }

    @Test
    void parenthesesValuePathsUrnsAndEscapes() {
        Filter grouped = FilterParser.parse("(a eq 1 or b eq 2) and c eq null");
        assertInstanceOf(
                Filter.Or.class, assertInstanceOf(Filter.And.class, grouped).left());
        Filter.ValuePath valuePath = assertInstanceOf(
                Filter.ValuePath.class, FilterParser.parse("emails[type eq \"work\" and value co \"@example.com\"]"));
        assertEquals("emails", valuePath.path().attribute());
        Filter.Compare urn = assertInstanceOf(
                Filter.Compare.class,
                FilterParser.parse(
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"m\""));
        assertEquals(ScimSchemas.ENTERPRISE_USER, urn.path().schema());
        assertEquals("manager", urn.path().attribute());
        assertEquals("value", urn.path().subAttribute());
        Filter.Compare core = assertInstanceOf(
                Filter.Compare.class,
                FilterParser.parse("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"a\\\"b\""));
        assertEquals(null, core.path().schema());
        assertEquals("a\"b", core.value().textValue());
    }

    @Test
    void malformedFiltersAreInvalidFilter() {
        for (String bad : List.of(
                "",
                "userName",
                "userName eq",
                "userName xx \"a\"",
                "(userName eq \"a\"",
                "userName eq \"a\" and",
                "userName eq \"unterminated",
                "userName eq bare",
                "eq \"a\"",
                "a eq \"b\" )",
                "not userName eq \"a\"",
                "x".repeat(5000))) {
            ScimException e = assertThrows(ScimException.class, () -> FilterParser.parse(bad), bad);
            assertTrue(List.of("invalidFilter", "invalidPath").contains(e.scimType()), bad + " → " + e.scimType());
            assertEquals(400, e.status());
        }
    }

    @Test
    void matcherEvaluatesValueFiltersCaseInsensitively() {
        JsonNode email = ScimJson.readObject("{\"type\":\"Work\",\"value\":\"Ada@Example.com\",\"primary\":true}");
        assertTrue(FilterMatcher.matches(FilterParser.parse("type eq \"work\""), email));
        assertTrue(FilterMatcher.matches(FilterParser.parse("value ew \"example.COM\" and primary eq true"), email));
        assertFalse(FilterMatcher.matches(FilterParser.parse("not (value co \"ada\")"), email));
        assertTrue(FilterMatcher.matches(FilterParser.parse("display eq null and value pr"), email));
        assertTrue(FilterMatcher.matches(FilterParser.parse("type gt \"home\""), email));
    }
}
