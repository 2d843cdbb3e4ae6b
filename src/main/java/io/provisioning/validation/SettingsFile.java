package io.provisioning.validation;

import io.provisioning.support.ConfigFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The settings file in use, so that a problem with a setting can point at the line that sets it. */
final class SettingsFile {

    private final String name;
    private final List<String> lines;

    private SettingsFile(String name, List<String> lines) {
        this.name = name;
        this.lines = lines;
    }

    /** @param location a camel-main location, {@code file:…} or {@code classpath:…} */
    public static SettingsFile at(String location) {
        boolean packaged = location.startsWith("classpath:");
        String path = location.substring(location.indexOf(':') + 1);
        Path file = packaged ? ConfigFiles.resolve(path) : Path.of(path);
        try {
            return new SettingsFile(packaged ? location : path, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new SettingsFile(packaged ? location : path, List.of());
        }
    }

    public String name() {
        return name;
    }

    /**
     * The 1-based line that sets {@code key} (the last one, which is the one that counts), or 0 when the file does not
     * set it (a default, or from the environment).
     */
    public int lineOf(String key) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).stripLeading();
            if (line.startsWith(key)
                    && line.length() > key.length()
                    && "=: \t".indexOf(line.charAt(key.length())) >= 0) {
                return i + 1;
            }
        }
        return 0;
    }

    public Problem problem(String key, String reason) {
        return new Problem(name, lineOf(key), reason);
    }

    /**
     * A problem at the line of {@code key}, or of {@code fallbackKey} when the file leaves {@code key} to its default.
     */
    public Problem problem(String key, String fallbackKey, String reason) {
        int line = lineOf(key);
        return new Problem(name, line > 0 ? line : lineOf(fallbackKey), reason);
    }
}
