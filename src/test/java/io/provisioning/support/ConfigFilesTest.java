package io.provisioning.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Run from the project folder, so routes/ and config/ exist in the working directory. */
class ConfigFilesTest {

    @AfterEach
    void clear() {
        System.clearProperty(ConfigFiles.ROUTES_OVERRIDE);
        System.clearProperty(ConfigFiles.CONFIG_OVERRIDE);
    }

    @Test
    void theWorkingDirectoryWinsAndOverridesWinOverIt() {
        assertEquals("file:routes/**/*.camel.yaml", ConfigFiles.routesPattern());
        assertEquals("file:config/application.properties", ConfigFiles.settingsLocation());
        System.setProperty(ConfigFiles.ROUTES_OVERRIDE, "/srv/routes");
        System.setProperty(ConfigFiles.CONFIG_OVERRIDE, "/srv/settings.properties");
        assertEquals("file:/srv/routes/**/*.camel.yaml", ConfigFiles.routesPattern());
        assertEquals("file:/srv/settings.properties", ConfigFiles.settingsLocation());
    }

    @Test
    void aFileMissingHereIsReadFromThePackagedCopyElseNamedWhereExpected() {
        Path local = ConfigFiles.resolve("config/mappings/salesforce.yaml");
        assertEquals(Path.of("config/mappings/salesforce.yaml"), local);
        // only the packaged (class path) copy has this name: the project's resources
        Path packaged = ConfigFiles.resolve("reports/report-page.html");
        assertTrue(Files.isRegularFile(packaged), packaged.toString());
        assertTrue(packaged.isAbsolute(), packaged.toString());
        assertEquals(Path.of("config/mappings/nowhere.yaml"), ConfigFiles.resolve("config/mappings/nowhere.yaml"));
        assertFalse(ConfigFiles.isPackaged(local));
    }

    @Test
    void theStartUpLogNamesTheFolderTheFileOrThePackagedCopy() {
        assertEquals(
                "folder " + Path.of("routes").toAbsolutePath(),
                ConfigFiles.describeLocation("file:routes/*.camel.yaml"));
        assertEquals(
                "folder " + Path.of("routes").toAbsolutePath(),
                ConfigFiles.describeLocation("file:routes/**/*.camel.yaml"));
        assertEquals(
                "file " + Path.of("config/application.properties").toAbsolutePath(),
                ConfigFiles.describeLocation("file:config/application.properties"));
        assertEquals(
                "packaged copy (classpath:routes/*.camel.yaml)",
                ConfigFiles.describeLocation("classpath:routes/*.camel.yaml"));
        assertEquals(
                "packaged copy (classpath:routes/*/*.camel.yaml)",
                ConfigFiles.describeLocation("classpath:routes/api/*.camel.yaml,classpath:routes/scim/*.camel.yaml"));
    }

    @Test
    void thePackagedRoutesAreOnePatternPerFeatureFolder() {
        // target/classes/routes: the same folders the jar holds
        String pattern = ConfigFiles.packagedRoutesPattern();
        assertTrue(pattern.contains("classpath:routes/api/*.camel.yaml,"), pattern);
        assertTrue(pattern.contains("classpath:routes/salesforce/*.camel.yaml"), pattern);
        assertFalse(pattern.contains("**"), pattern);
    }

    @Test
    void onlyAFileRoutesPatternHasAFolderToWatch() {
        assertEquals(Optional.of(Path.of("routes")), ConfigFiles.routesFolder("file:routes/*.camel.yaml"));
        assertEquals(Optional.of(Path.of("routes")), ConfigFiles.routesFolder("file:routes/**/*.camel.yaml"));
        assertTrue(ConfigFiles.coversSubFolders("file:routes/**/*.camel.yaml"));
        assertFalse(ConfigFiles.coversSubFolders("file:routes/*.camel.yaml"));
        assertEquals(Optional.empty(), ConfigFiles.routesFolder("classpath:routes/*.camel.yaml"));
        assertEquals(Optional.empty(), ConfigFiles.routesFolder("file:a/*.yaml,file:b/*.yaml"));
    }
}
