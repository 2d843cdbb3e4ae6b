package io.provisioning.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The worked examples of the README, each a fenced code block after an {@code <!-- example: name -->} marker, so
 * that tests apply exactly what the README tells engineers to write.
 */
public final class ReadmeExamples {

    private final String readme;

    private ReadmeExamples(String readme) {
        this.readme = readme;
    }

    public static ReadmeExamples load() {
        try {
            return new ReadmeExamples(Files.readString(Path.of("README.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The code of the first fenced block after the example's marker, ending with a newline. */
    public String block(String name) {
        String marker = "<!-- example: " + name + " -->";
        int at = readme.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException("README has no example " + name);
        }
        int open = readme.indexOf("```", at);
        int start = readme.indexOf('\n', open) + 1;
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }

    /** Appends the example's block to a file. */
    public void appendTo(String name, Path file) {
        try {
            String text = Files.readString(file);
            Files.writeString(file, (text.endsWith("\n") ? text : text + "\n") + block(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the example's block as a new file. */
    public void writeTo(String name, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, block(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
