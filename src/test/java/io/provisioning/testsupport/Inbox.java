package io.provisioning.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Drops bulk files into a test bundle's inbox. */
public final class Inbox {

    private Inbox() {}

    /** Written under a temporary name, then renamed into place, as docs/bulk-files.md tells file droppers to do. */
    public static void drop(Path inbox, String name, String content) throws IOException {
        Files.createDirectories(inbox);
        Path temp = inbox.resolve("." + name + ".part");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
