package io.provisioning.password;

import io.provisioning.support.Html;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mail template an integration engineer edits: an HTML and a plain-text file with {@code ${name}} placeholders
 * (user attributes, {@code link}, {@code expiresAt}, {@code subject}). Every value is HTML-escaped in the HTML part;
 * unknown placeholders become empty. Read at each use, so edits apply without a restart.
 */
class MailTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    /** The rendered parts. */
    public record Rendered(String html, String text) {}

    private final Path html;
    private final Path text;

    public MailTemplate(Path html, Path text) {
        this.html = html;
        this.text = text;
    }

    public Rendered render(Map<String, ?> values) {
        return new Rendered(fill(read(html), values, Html::escape), fill(read(text), values, UnaryOperator.identity()));
    }

    static String fill(String template, Map<String, ?> values, UnaryOperator<String> encode) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            Object value = values.get(placeholder.group(1));
            placeholder.appendReplacement(
                    out, Matcher.quoteReplacement(encode.apply(value == null ? "" : value.toString())));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the mail template " + file + ": " + e.getMessage(), e);
        }
    }
}
