package io.provisioning.bulk;

/**
 * The file as a whole cannot be imported (empty, no usable header, missing required columns, too large, unreadable).
 */
public class BulkFileException extends RuntimeException {
    public BulkFileException(String message) {
        super(message);
    }

    public BulkFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
