package io.provisioning.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the files an integration engineer edits come from: {@code routes/} and {@code config/} in the working
 * directory when they are there, else the copies packaged in the jar, so the jar also runs from an empty folder.
 * Operators point elsewhere with {@code -Dprovisioning.routes=dir} and {@code -Dprovisioning.config=file} (or
 * {@code PROVISIONING_ROUTES}, {@code PROVISIONING_CONFIG}); {@code camel.main.routes-include-pattern} still wins.
 */
public final class ConfigFiles {

    public static final String ROUTES_OVERRIDE = "provisioning.routes";
    public static final String CONFIG_OVERRIDE = "provisioning.config";
    public static final String ROUTES_DIR = "routes";
    public static final String SETTINGS_FILE = "config/application.properties";
    /** The route files: any {@code *.camel.yaml} in the routes folder's feature folders ({@code routes/api/…}). */
    public static final String ROUTE_FILES = "**/*.camel.yaml";
    /** The route files of one folder, without its sub-folders. */
    public static final String ROUTE_FILE_NAMES = "*.camel.yaml";
    /** Camel's own setting for the route files; set by -D or the environment it wins over everything else. */
    public static final String CAMEL_ROUTES_PATTERN = "camel.main.routes-include-pattern";

    private ConfigFiles() {}

    /** Camel's routes include pattern: the explicit Camel setting, else the routes folder, else the packaged routes. */
    public static String routesPattern() {
        return override(CAMEL_ROUTES_PATTERN).orElseGet(() -> override(ROUTES_OVERRIDE)
                .map(dir -> "file:" + dir + "/" + ROUTE_FILES)
                .orElse(
                        Files.isDirectory(Path.of(ROUTES_DIR))
                                ? "file:" + ROUTES_DIR + "/" + ROUTE_FILES
                                : packagedRoutesPattern()));
    }

    /**
     * The packaged route files, one pattern per feature folder: Camel's class path scan of a jar loses the sub-folder
     * of a {@code **} match (files of the same name then hide each other), a pattern per folder does not.
     */
    static String packagedRoutesPattern() {
        Optional<Path> routes = packaged(ROUTES_DIR);
        if (routes.isEmpty()) {
            return "classpath:" + ROUTES_DIR + "/" + ROUTE_FILES;
        }
        try (var entries = Files.list(routes.get())) {
            return entries.filter(Files::isDirectory)
                    .map(folder -> folder.getFileName().toString().replace("/", ""))
                    .sorted()
                    .map(name -> "classpath:" + ROUTES_DIR + "/" + name + "/" + ROUTE_FILE_NAMES)
                    .collect(Collectors.joining(","));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the packaged route folders", e);
        }
    }

    /**
     * The settings file for camel-main: {@code provisioning.config}, else the working directory's, else the packaged
     * one.
     */
    public static String settingsLocation() {
        return override(CONFIG_OVERRIDE)
                .map(file -> "file:" + file)
                .orElse(
                        Files.isRegularFile(Path.of(SETTINGS_FILE))
                                ? "file:" + SETTINGS_FILE
                                : "classpath:" + SETTINGS_FILE);
    }

    /** The folder a {@code file:} routes pattern reads (for reloading), or empty for packaged or mixed patterns. */
    public static Optional<Path> routesFolder(String pattern) {
        if (!pattern.startsWith("file:") || pattern.contains(",")) {
            return Optional.empty();
        }
        return Optional.of(folderOf(pattern.substring("file:".length())));
    }

    /** True when a {@code file:} routes pattern also reads the sub-folders ({@code routes/**}{@code /*.camel.yaml}). */
    public static boolean coversSubFolders(String pattern) {
        return pattern.contains("/**/") || pattern.startsWith("file:**/");
    }

    /** The folder of a file pattern: {@code routes} for {@code routes/*.camel.yaml} and {@code routes/**}{@code /…}. */
    private static Path folderOf(String filePattern) {
        Path parent = Path.of(filePattern).getParent();
        while (parent != null && parent.getFileName().toString().equals("**")) {
            parent = parent.getParent();
        }
        return parent == null ? Path.of(".") : parent;
    }

    /**
     * For the start-up log: "folder /srv/routes" (a pattern), "file /srv/settings.properties" or "packaged copy (…)".
     */
    public static String describeLocation(String location) {
        if (location.startsWith("classpath:" + ROUTES_DIR + "/") && location.contains(",")) {
            return "packaged copy (classpath:" + ROUTES_DIR + "/*/" + ROUTE_FILE_NAMES + ")";
        }
        if (location.startsWith("classpath:")) {
            return "packaged copy (" + location + ")";
        }
        if (!location.startsWith("file:")) {
            return location;
        }
        String file = location.substring("file:".length());
        return location.contains("*")
                ? "folder " + folderOf(file).toAbsolutePath().normalize()
                : "file " + Path.of(file).toAbsolutePath().normalize();
    }

    /**
     * A file named relative to the working directory (such as {@code config/mappings/salesforce.yaml}): that file when
     * it exists, else the packaged copy (a path inside the jar, readable with {@link Files}), else the
     * working-directory
     * path, so that a "not found" names the file the engineer is expected to create.
     */
    public static Path resolve(String name) {
        Path local = Path.of(name);
        if (local.isAbsolute() || Files.exists(local)) {
            return local;
        }
        return packaged(name).orElse(local);
    }

    /**
     * True for a file read from inside the jar (a folder on the class path counts as the file system, not packaged).
     */
    public static boolean isPackaged(Path file) {
        return !file.getFileSystem().equals(FileSystems.getDefault());
    }

    private static Optional<Path> packaged(String name) {
        URL url = ConfigFiles.class.getClassLoader().getResource(name.replace('\\', '/'));
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                openJar(uri);
            }
            return Optional.of(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            return Optional.empty();
        }
    }

    // The jar's file system stays open for the life of the process: packaged files are read again on each use.
    private static synchronized FileSystem openJar(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }

    private static Optional<String> override(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}
