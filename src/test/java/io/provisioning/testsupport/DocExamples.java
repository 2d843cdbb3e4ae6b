package io.provisioning.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The worked examples of a documentation page (e.g. {@code docs/extending.md}), each a fenced code block after an
 * {@code <!-- example: name -->} marker, so that tests apply exactly what the docs tell engineers to write.
 */
public final class DocExamples {

    /** The page with the worked examples of extending the bundle. */
    public static final Path EXTENDING = Path.of("docs", "extending.md");

    private final Path page;
    private final String text;

    private DocExamples(Path page, String text) {
        this.page = page;
        this.text = text;
    }

    /** The examples of one page, a path relative to the project folder. */
    public static DocExamples load(Path page) {
        try {
            return new DocExamples(page, Files.readString(page));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The code of the first fenced block after the example's marker, ending with a newline. */
    public String block(String name) {
        String marker = "<!-- example: " + name + " -->";
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException(page + " has no example " + name);
        }
        int open = text.indexOf("```", at);
        int start = text.indexOf('\n', open) + 1;
        int end = text.indexOf("```", start);
        return text.substring(start, end);
    }

    /** Appends the example's block to a file. */
    public void appendTo(String name, Path file) {
        try {
            String existing = Files.readString(file);
            Files.writeString(file, (existing.endsWith("\n") ? existing : existing + "\n") + block(name));
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
