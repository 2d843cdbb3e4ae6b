package io.provisioning.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Salesforce's standard fields of the objects the bundle writes, as the bundle knows them without a connection
 * ({@code salesforce/standard-fields.csv}); the emulator's org schema is its own and is not consulted.
 */
final class StandardFields {

    static final String RESOURCE = "salesforce/standard-fields.csv";

    /** One field: its API name and whether a create or an update may set it. */
    record Field(String name, boolean writable) {}

    /** Keyed by the object's API name as the file spells it, in file order. */
    private static final Map<String, List<Field>> BY_OBJECT = load();

    private static final Map<String, List<Field>> BY_LOWER_NAME = BY_OBJECT.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));

    private StandardFields() {}

    /** The fields of {@code sObject} (case-insensitive), or empty when the bundle does not know the object. */
    static Optional<List<Field>> of(String sObject) {
        return Optional.ofNullable(BY_LOWER_NAME.get(sObject.toLowerCase(Locale.ROOT)));
    }

    /** Every object and its fields, in file order (for tests that compare the list with an org's describe). */
    static Map<String, List<Field>> all() {
        return BY_OBJECT;
    }

    private static Map<String, List<Field>> load() {
        InputStream in = StandardFields.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        Map<String, List<Field>> fields = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != 3 || !(cells[2].equals("writable") || cells[2].equals("read-only"))) {
                    throw new IllegalStateException(RESOURCE + ": not object,field,writable|read-only: " + line);
                }
                fields.computeIfAbsent(cells[0], o -> new ArrayList<>())
                        .add(new Field(cells[1], cells[2].equals("writable")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fields.replaceAll((object, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(fields);
    }
}
