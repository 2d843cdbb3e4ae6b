package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} lists every setting of {@code config/application.properties} with the file's default,
 * so that the page cannot drift from the file.
 */
class ConfigurationDocTest {

    @Test
    void everySettingOfTheFileIsListedWithItsDefault() throws IOException {
        String page = Files.readString(Path.of("docs", "configuration.md"));
        List<String> missing = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("config", "application.properties"))) {
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
                "docs/configuration.md lacks these rows of config/application.properties "
                        + "(add each to the table of its group, with the file's comment): " + missing);
    }
}
