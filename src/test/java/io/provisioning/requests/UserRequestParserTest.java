package io.provisioning.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.provisioning.directory.NewUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserRequestParserTest {

    private final UserRequestParser parser = new UserRequestParser(Set.of("userName", "email", "lastName", "company"));

    @Test
    void parsesAValidUserAndTrimsValues() {
        NewUser user = parser.parse(
                "{\"userName\":\" ada \",\"email\":\"ada@example.com\",\"firstName\":\"Ada\","
                        + "\"lastName\":\"Lovelace\",\"company\":\"AE\",\"customAttributes\":{\"dept\":\"R&D\",\"level\":3,\"vip\":true}}");
        assertEquals("ada", user.userName());
        assertEquals("Lovelace", user.lastName());
        assertEquals(Map.of("dept", "R&D", "level", 3, "vip", true), user.customAttributes());
    }

    @Test
    void theGuidesPrerequisitesAreRequiredByDefault() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parser.parse("{}"));
        assertEquals(
                List.of(
                        new FieldError("company", "is required"),
                        new FieldError("email", "is required"),
                        new FieldError("lastName", "is required"),
                        new FieldError("userName", "is required")),
                e.getFieldErrors());
    }

    @Test
    void blankCountsAsMissing() {
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> parser.parse("{\"userName\":\"  \",\"email\":\"a@b.co\",\"lastName\":\"L\",\"company\":\"C\"}"));
        assertEquals(List.of(new FieldError("userName", "is required")), e.getFieldErrors());
    }

    @Test
    void requiredFieldsAreConfigurable() {
        UserRequestParser lenient = new UserRequestParser(Set.of("userName"));
        assertEquals("x", lenient.parse("{\"userName\":\"x\"}").userName());
    }

    @Test
    void unknownRequiredFieldIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new UserRequestParser(Set.of("nickname")));
    }

    @Test
    void rejectsWrongTypesUnknownFieldsBadEmailAndLongValues() {
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> parser.parse("{\"userName\":[1],\"email\":\"nope\",\"lastName\":\"" + "x".repeat(256)
                        + "\",\"company\":\"C\","
                        + "\"extra\":1,\"customAttributes\":{\"ok\":\"1\",\"bad name\":\"x\",\"nested\":{}}}"));
        assertEquals(
                List.of(
                        new FieldError(
                                "customAttributes.bad name",
                                "name must start with a letter and use only letters, digits and _"),
                        new FieldError("customAttributes.nested", "must be a string, number or boolean"),
                        new FieldError("email", "is not a valid e-mail address"),
                        new FieldError("extra", "unknown field"),
                        new FieldError("lastName", "must be at most 255 characters"),
                        new FieldError("userName", "must be a string")),
                e.getFieldErrors());
    }

    @Test
    void rejectsMalformedJsonNonObjectsEmptyBodiesAndDuplicateKeys() {
        for (String body : new String[] {"{", "[]", "\"x\"", "", "{\"userName\":\"a\",\"userName\":\"b\"}"}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parser.parse(body), body);
            assertEquals("$", e.getFieldErrors().get(0).field(), body);
        }
    }
}
