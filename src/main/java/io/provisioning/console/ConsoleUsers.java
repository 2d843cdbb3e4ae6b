package io.provisioning.console;

import io.provisioning.support.InvalidSettingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's own users, from {@code provisioning.console.users-file}: one {@code name:hash} line each (blank lines
 * and {@code #} comments allowed), the hash made by {@code java -jar … console-password}. No file, no users: the
 * console then takes the API token only.
 */
public final class ConsoleUsers {

    /** A hash no password gives: unknown names cost the same work as known ones. */
    private static final String DUMMY = PasswordHash.hash("not a password".toCharArray());

    private final Map<String, String> hashes;

    ConsoleUsers(Map<String, String> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    static ConsoleUsers none() {
        return new ConsoleUsers(Map.of());
    }

    static ConsoleUsers load(String setting, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + setting + " " + file, e);
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon).strip() : "";
            String hash = colon > 0 ? line.substring(colon + 1).strip() : "";
            // the line itself is never shown: it holds the hash
            if (name.isEmpty() || !PasswordHash.wellFormed(hash)) {
                throw new InvalidSettingException(
                        setting,
                        setting + ": line " + (i + 1) + " of " + file + " is not name:" + PasswordHash.SCHEME
                                + "$…; make the hash with console-password");
            }
            hashes.put(name, hash);
        }
        return new ConsoleUsers(hashes);
    }

    boolean any() {
        return !hashes.isEmpty();
    }

    int size() {
        return hashes.size();
    }

    /** The user's name when the password is right. */
    Optional<String> authenticate(String name, char[] password) {
        String hash = name == null ? null : hashes.get(name);
        boolean right = PasswordHash.matches(hash == null ? DUMMY : hash, password);
        return right && hash != null ? Optional.of(name) : Optional.empty();
    }
}
