package io.provisioning.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's note about unknown header columns counts them by position and never quotes a header cell (issue 15). */
class CsvUserFileTest {

    private static final String KNOWN = "known columns: " + CsvUserFile.EXPECTED;

    @TempDir
    Path dir;

    @Test
    void unknownColumnsAreNamedByPositionOnly() throws IOException {
        assertNull(note("userName,email,custom.department,action,active"));
        assertEquals("1 unknown column ignored (column 2); " + KNOWN, note("userName,shoeSize,email"));
        assertEquals(
                "2 unknown columns ignored (columns 5 and 7); " + KNOWN,
                note("userName,email,lastName,company,a,custom.x,b"));
        assertEquals("3 unknown columns ignored (columns 1, 3 and 4); " + KNOWN, note("a,userName,b,custom."));
    }

    @Test
    void manyUnknownColumnsGiveAShortNote() throws IOException {
        String header = "userName,"
                + IntStream.rangeClosed(1, 25).mapToObj(i -> "x" + i).collect(Collectors.joining(","));
        assertEquals(
                "25 unknown columns ignored (columns 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 15 more); " + KNOWN,
                note(header));
    }

    @Test
    void progressCountsTheRowsParsedNotWhatTheReadersBuffered() throws IOException {
        StringBuilder csv = new StringBuilder("userName,email\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("user").append(i).append("@example.com,user").append(i).append("@example.com\n");
        }
        Path file = Files.writeString(dir.resolve("large.csv"), csv);
        try (CsvUserFile users = CsvUserFile.open(file, Set.of("userName"), Set.of("userName"))) {
            for (int i = 0; i < 100; i++) {
                users.next();
            }
            long rowsSoFar = csv.indexOf("user99@example.com,");
            // the share of the file read is what the parsed rows cover (the readers below buffer up to 72 KB ahead):
            // a large file's first chunk must not look like a small file
            assertEquals(rowsSoFar, users.bytesRead());
        }
    }

    private String note(String header) throws IOException {
        Path file = Files.writeString(dir.resolve("users.csv"), header + "\nann@example.com\n");
        try (CsvUserFile csv = CsvUserFile.open(file, Set.of("userName"), Set.of("userName"))) {
            return csv.unknownColumnsNote();
        }
    }
}
