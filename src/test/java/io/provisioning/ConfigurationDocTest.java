package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} lists every setting of the packaged defaults ({@code provisioning-defaults.properties})
 * and of {@code config/application.properties} with the file's value, so that the page cannot drift from the files.
 */
class ConfigurationDocTest {

    @Test
    void everySettingOfTheFileIsListedWithItsDefault() throws IOException {
        assertListed(Path.of("config", "application.properties"));
    }

    @Test
    void everyPackagedDefaultIsListed() throws IOException {
        assertListed(Path.of("src", "main", "resources", "provisioning-defaults.properties"));
    }

    private static void assertListed(Path file) throws IOException {
        String page = Files.readString(Path.of("docs", "configuration.md"));
        List<String> missing = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#") || !line.contains("=")) {
                continue;
            }
            String key = line.substring(0, line.indexOf('=')).trim();
            String value = line.substring(line.indexOf('=') + 1).trim();
            String shown = value.isEmpty() ? "(empty)" : "`" + value.replace("|", "\\|") + "`";
            String row = "| `" + key + "` | " + shown + " |";
            if (!page.contains(row)) {
                missing.add(row);
            }
        }
        assertTrue(
                missing.isEmpty(),
                "docs/configuration.md lacks these rows of " + file + " "
                        + "(add each to the table of its group, with the file's comment): " + missing);
    }
}
