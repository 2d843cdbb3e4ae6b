package io.provisioning.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** A copy of the project's routes/ and config/ in a temporary folder, for tests that change or break them. */
public final class BundleCopy {

    private final Path root;

    private BundleCopy(Path root) {
        this.root = root;
    }

    public static BundleCopy in(Path folder) {
        copyTree(Path.of("routes"), folder.resolve("routes"));
        copyTree(Path.of("config"), folder.resolve("config"));
        return new BundleCopy(folder);
    }

    public Path root() {
        return root;
    }

    public Path routes() {
        return root.resolve("routes");
    }

    public Path settings() {
        return root.resolve("config/application.properties");
    }

    /** camel-main's location of the copied settings file. */
    public String settingsLocation() {
        return "file:" + settings();
    }

    /** camel-main's routes include pattern for the copied route files. */
    public String routesPattern() {
        return "file:" + routes() + "/**/*.camel.yaml";
    }

    /** Writes {@code text} to {@code relative} (creating or replacing it); answers the file. */
    public Path write(String relative, String text) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Writes {@code routes/<id>.camel.yaml}: one route from {@code direct:<id>} whose {@code steps} (YAML list items,
     * not indented) start at line 6.
     */
    public Path route(String id, String steps) {
        return write(
                "routes/" + id + ".camel.yaml",
                "- route:\n    id: " + id + "\n    from:\n      uri: direct:" + id + "\n      steps:\n"
                        + steps.indent(8));
    }

    /** Appends a setting to the copied settings file (the last one of a key counts); answers its line number. */
    public int setting(String key, String value) {
        try {
            Files.writeString(
                    settings(), "\n" + key + "=" + value + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return Files.readAllLines(settings(), StandardCharsets.UTF_8).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
