package io.provisioning.mapping;

/** A mapping file cannot be used; the message names the file, the line and the reason. */
public class MappingFileException extends RuntimeException {
    public MappingFileException(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
    }
}
