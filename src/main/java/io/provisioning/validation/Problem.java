package io.provisioning.validation;

/** One reason a file cannot be used, printed as {@code file:line: reason} (no line when it concerns the whole file). */
public record Problem(String file, int line, String reason) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + reason;
    }
}
