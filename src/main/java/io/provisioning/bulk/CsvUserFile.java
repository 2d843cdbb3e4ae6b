package io.provisioning.bulk;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A bulk user file read as a stream of rows: UTF-8 with or without BOM, RFC 4180 quoting (embedded commas, quotes
 * and newlines). The header names directory attributes: the profile fields, {@code action}, {@code active}, and
 * {@code custom.<name>} for custom attributes. Unknown columns are reported by position and ignored.
 */
public final class CsvUserFile implements Closeable {

    public static final String ACTION = "action";
    public static final String ACTIVE = "active";
    public static final String CUSTOM_PREFIX = "custom.";
    private static final Set<String> PROFILE = Set.of("userName", "email", "firstName", "lastName", "company");
    /** The columns a user file may have, for error texts (which never quote the file's own header). */
    static final String EXPECTED =
            "userName, email, firstName, lastName, company, action, active, custom.<name>, entitlements.<app>.<kind>";
    /** Issue 20: entitlement columns {@code entitlements.<app>.<kind>}, checked row by row. */
    public static final String ENTITLEMENTS_PREFIX = "entitlements.";
    /** At most this many positions are listed in the note; a file with thousands of stray columns gets a short one. */
    private static final int LISTED_POSITIONS = 10;

    private final InputStream in;
    /** Characters of the file up to the start of the last row returned: where its reading stands. */
    private long position;

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> columns;
    /** 1-based positions (as a spreadsheet counts) of the header cells that name no known column. */
    private final List<Integer> unknownColumns = new ArrayList<>();

    private CsvUserFile(InputStream in, CSVParser parser, List<String> columns) {
        this.in = in;
        this.parser = parser;
        this.records = parser.iterator();
        this.columns = columns;
        for (int i = 0; i < columns.size(); i++) {
            if (!known(columns.get(i))) {
                unknownColumns.add(i + 1);
            }
        }
    }

    /**
     * Opens the file and checks its header.
     *
     * @param requiredColumns columns a file without an {@code action} column must have (every row may create a user)
     * @param requiredWithAction columns a file with an {@code action} column must have (rows are checked one by one)
     */
    public static CsvUserFile open(Path file, Set<String> requiredColumns, Set<String> requiredWithAction) {
        InputStream in;
        try {
            // O_NOFOLLOW: a file swapped for a link after the inbox checked it is refused, not followed
            in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new BulkFileException("cannot be read: " + e.getMessage(), e);
        }
        try {
            var decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 64 * 1024);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            CSVParser parser = CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .setTrim(true)
                    .setAllowMissingColumnNames(false)
                    .get()
                    .parse(reader);
            List<String> columns = parser.getHeaderNames();
            if (columns.isEmpty()) {
                parser.close();
                throw new BulkFileException("the file is empty: a header row of attribute names is expected");
            }
            Set<String> required = columns.contains(ACTION) ? requiredWithAction : requiredColumns;
            List<String> missing =
                    required.stream().filter(c -> !columns.contains(c)).sorted().toList();
            if (!missing.isEmpty()) {
                parser.close();
                // the header is not quoted back: a file that is not a user file (a link to a secret) shows nothing of
                // it
                throw new BulkFileException(
                        "missing required columns " + missing + "; expected a header of " + EXPECTED);
            }
            return new CsvUserFile(in, parser, columns);
        } catch (CharacterCodingException e) {
            close(in);
            throw new BulkFileException("is not UTF-8 text", e);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            close(in);
            throw new BulkFileException(
                    "has no usable header row (an empty or repeated column name, or broken quoting); "
                            + "expected a header of " + EXPECTED,
                    e);
        }
    }

    public static boolean known(String column) {
        return PROFILE.contains(column)
                || ACTION.equals(column)
                || ACTIVE.equals(column)
                || (column.startsWith(CUSTOM_PREFIX) && column.length() > CUSTOM_PREFIX.length())
                || (column.startsWith(ENTITLEMENTS_PREFIX) && column.length() > ENTITLEMENTS_PREFIX.length());
    }

    public List<String> columns() {
        return columns;
    }

    /** The 1-based positions of the header's unknown columns. */
    public List<Integer> unknownColumns() {
        return unknownColumns;
    }

    /**
     * The job's note about the unknown columns, or null when there are none: their count and positions, and the
     * columns the bundle knows. The header cells themselves are never quoted (issue 15): a header is the file's own
     * text, and a file that only looks like a user file (its first line someone's data) must not be echoed into the
     * job view, the result file, report rows or the log.
     */
    public String unknownColumnsNote() {
        if (unknownColumns.isEmpty()) {
            return null;
        }
        int n = unknownColumns.size();
        List<String> listed = unknownColumns.stream()
                .limit(LISTED_POSITIONS)
                .map(String::valueOf)
                .toList();
        String positions = n == 1
                ? listed.get(0)
                : n <= LISTED_POSITIONS
                        ? String.join(", ", listed.subList(0, n - 1)) + " and " + listed.get(n - 1)
                        : String.join(", ", listed) + " and " + (n - LISTED_POSITIONS) + " more";
        return n + " unknown column" + (n == 1 ? "" : "s") + " ignored (column" + (n == 1 ? " " : "s ") + positions
                + "); known columns: " + EXPECTED;
    }

    /** One data row: its number (the header is row 1, as a spreadsheet shows it) and its known, non-empty values. */
    public record Row(long rowNo, Map<String, String> values, String problem) {}

    /** The next row, or null at the end of the file. */
    public Row next() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            position = record.getCharacterPosition();
            long rowNo = record.getRecordNumber() + 1;
            if (!record.isConsistent()) {
                return new Row(rowNo, Map.of(), "has " + record.size() + " fields, the header has " + columns.size());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String column : columns) {
                String value = record.get(column);
                if (known(column) && value != null && !value.isEmpty()) {
                    values.put(column, value);
                }
            }
            return new Row(rowNo, values, null);
        } catch (UncheckedIOException e) {
            throw new BulkFileException(
                    "could not be read to the end: " + e.getCause().getMessage(), e);
        } catch (IllegalStateException e) {
            throw new BulkFileException(
                    "is not valid CSV (broken quoting) near line " + parser.getCurrentLineNumber(), e);
        }
    }

    /**
     * How far the rows returned so far reach into the file, in characters (the bytes of an ASCII file): the share of
     * the file read, for progress and for the size estimate that sends a large file to Bulk API 2.0. Not the bytes
     * the readers below took, which run up to 72 KB ahead and made a file's first chunks look like a small file.
     */
    public long bytesRead() {
        return position;
    }

    public static String normalizedAction(String action) {
        return action == null ? "upsert" : action.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        close(parser);
        close(in);
    }

    private static void close(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing a read-only file: nothing to recover
        }
    }
}
