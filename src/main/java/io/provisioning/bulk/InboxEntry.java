package io.provisioning.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What kind of directory entry an inbox file is, without following links: only regular files are read. A symbolic
 * link would hand its target (any file this user can read) to whoever reads the results; a FIFO or device would block
 * or never end.
 */
public final class InboxEntry {

    private InboxEntry() {}

    /** @throws BulkFileException naming the kind of entry, when it is not a regular file */
    public static void requireRegularFile(Path path) throws IOException {
        String kind = kind(path);
        if (kind != null) {
            throw new BulkFileException("is not a regular file but " + kind + "; only regular files are taken from the "
                    + "inbox (it was not opened)");
        }
    }

    /** @return null for a regular file, else what it is ("a symbolic link", "a FIFO", …) */
    static String kind(Path path) throws IOException {
        BasicFileAttributes attributes =
                Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isRegularFile()) {
            return null;
        }
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }
}
