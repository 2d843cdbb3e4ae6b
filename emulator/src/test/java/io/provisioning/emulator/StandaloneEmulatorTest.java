package io.provisioning.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the standalone emulator reads its arguments, system properties and settings file. */
class StandaloneEmulatorTest {

    @TempDir
    Path dir;

    @Test
    void withoutSettingsTheDocumentedDefaults() throws Exception {
        EmulatorSettings settings = StandaloneEmulator.settings(new String[0], new Properties());
        assertEquals(EmulatorSettings.defaults(), settings);
    }

    @Test
    void argumentsGiveThePortAndTheDataFolder() throws Exception {
        EmulatorSettings settings = StandaloneEmulator.settings(new String[] {"0", "org"}, new Properties());
        assertEquals(0, settings.port());
        assertEquals(Path.of("org"), settings.dataDir());
        assertNull(StandaloneEmulator.settings(new String[] {"9000", ""}, new Properties())
                .dataDir());
    }

    @Test
    void aSystemPropertyWinsOverTheSettingsFile() throws Exception {
        Path file = dir.resolve("emulator.properties");
        Files.writeString(
                file,
                "emulator.client-id=from-file\nemulator.client-secret=file-secret\nemulator.daily-api-limit=5\n"
                        + "emulator.latency-ms=20\nemulator.password-flow-allowed=false\n");
        Properties system = new Properties();
        system.setProperty("emulator.settings", file.toString());
        system.setProperty("emulator.daily-api-limit", "777");
        system.setProperty("java.version", "17"); // other properties are not the emulator's business
        EmulatorSettings settings = StandaloneEmulator.settings(new String[] {"0"}, system);
        assertEquals("from-file", settings.app().clientId());
        assertEquals("file-secret", settings.app().clientSecret());
        assertEquals(777, settings.dailyApiLimit());
        assertEquals(20, settings.latencyMs());
        assertFalse(settings.app().passwordFlowAllowed());
        assertTrue(settings.app().certificates().isEmpty());
    }

    @Test
    void anUnknownOrMalformedKeyStopsTheStart() {
        Properties typo = new Properties();
        typo.setProperty("emulator.daily-limit", "10");
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> StandaloneEmulator.settings(new String[0], typo));
        assertTrue(unknown.getMessage().contains("emulator.daily-limit"), unknown.getMessage());

        Properties notANumber = new Properties();
        notANumber.setProperty("emulator.latency-ms", "fast");
        assertThrows(IllegalArgumentException.class, () -> StandaloneEmulator.settings(new String[0], notANumber));
    }
}
