package io.provisioning.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Owner-only permissions for what the bundle keeps on disk: folders 0700, files with secrets 0600. Applied when a file
 * is made and again at every start, so a data folder made by an older version gets them too. On a file system
 * without POSIX permissions (Windows) nothing is changed: the folder's ACL applies.
 */
public final class OwnerOnly {

    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {}

    /** Creates the folder (and its parents) when missing and makes it owner-only. */
    public static Path folder(Path dir) {
        try {
            Files.createDirectories(dir);
            restrict(dir, FOLDER);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the owner-only folder " + dir, e);
        }
    }

    /** Makes an existing folder, every folder and file below it owner-only (links are left alone, not followed). */
    public static void tree(Path dir) {
        if (!POSIX || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.forEach(path -> {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(path, FOLDER);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(path, FILE);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot make " + dir + " owner-only: " + e.getMessage(), e);
        }
    }

    /** Makes an existing regular file owner-only; a missing file is ignored. */
    public static void file(Path file) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            restrict(file, FILE);
        }
    }

    /**
     * Writes a secret: to a new owner-only file beside the target, then moved over it in one step, so the secret is
     * never readable by others, not even for a moment, and a link planted at the target is replaced, not followed.
     */
    public static void writeSecret(Path file, String content) {
        Path dir = file.toAbsolutePath().getParent();
        folder(dir);
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            if (POSIX) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(FILE));
            }
            Files.writeString(
                    temp,
                    content,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    LinkOption.NOFOLLOW_LINKS);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store " + file, e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) {
        if (!POSIX) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + path + " owner-only", e);
        }
    }
}
