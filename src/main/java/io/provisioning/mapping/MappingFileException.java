package io.provisioning.mapping;

/** A mapping file cannot be used; the message names the file, the line and the reason. */
public class MappingFileException extends RuntimeException {

    private final String file;
    private final int line;
    private final String reason;

    public MappingFileException(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** 1-based, 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
