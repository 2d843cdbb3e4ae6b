package io.provisioning.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.directory.BulkRow;
import io.provisioning.requests.UserRequestParser;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BulkRowParserTest {

    private final BulkRowParser parser =
            new BulkRowParser(new UserRequestParser(Set.of("userName", "email", "lastName", "company")));

    @Test
    void overlongCellsMakeTheRowInvalidAndFitWhereTheyAreStored() {
        String action = "x".repeat(5_000);
        BulkRow row = parser.parse(new CsvUserFile.Row(2, Map.of("userName", "a@example.com", "action", action), null));
        assertEquals(16, row.action().length(), "the action column holds 16 characters");
        assertTrue(
                row.invalid().startsWith("unknown action 'xxxx")
                        && row.invalid().length() < 200,
                row.invalid());

        String longName = "n".repeat(300) + "@example.com";
        BulkRow delete = parser.parse(new CsvUserFile.Row(3, Map.of("userName", longName, "action", "delete"), null));
        assertEquals("userName: longer than 255 characters", delete.invalid());
        assertEquals(255, delete.userName().length());
    }

    @Test
    void aValidRowIsUntouched() {
        BulkRow row = parser.parse(new CsvUserFile.Row(
                2,
                Map.of("userName", "a@example.com", "email", "a@example.com", "lastName", "A", "company", "Acme"),
                null));
        assertNull(row.invalid());
        assertEquals("a@example.com", row.userName());
        assertEquals("upsert", row.action());
    }
}
