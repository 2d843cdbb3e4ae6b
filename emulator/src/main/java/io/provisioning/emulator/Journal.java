package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/** An append-only JSON-lines file, replayed at start and rewritten (compacted) from a snapshot. */
final class Journal implements AutoCloseable {
    private final Path file;
    private BufferedWriter writer;

    Journal(Path directory) throws IOException {
        Files.createDirectories(directory);
        this.file = directory.resolve("journal.jsonl");
    }

    /** Feeds every readable line to the consumer; a torn last line (crash mid-write) is skipped. */
    synchronized void replay(Consumer<JsonNode> consumer) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(line);
                } catch (IOException torn) {
                    continue;
                }
                consumer.accept(node);
            }
        }
    }

    synchronized void append(JsonNode line) {
        try {
            if (writer == null) {
                writer = Files.newBufferedWriter(
                        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            writer.write(Json.write(line));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the journal with the given lines (atomic rename). */
    synchronized void rewrite(List<JsonNode> lines) throws IOException {
        closeWriter();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (JsonNode line : lines) {
                out.write(Json.write(line));
                out.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized void close() {
        try {
            closeWriter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeWriter() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
