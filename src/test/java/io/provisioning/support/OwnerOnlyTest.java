package io.provisioning.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {

    @TempDir
    Path dir;

    @Test
    void aSecretReplacesALinkAtItsNameWithoutWritingThroughIt() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "unchanged");
        Path secret = dir.resolve("data").resolve("api-token");
        Files.createDirectories(secret.getParent());
        Files.createSymbolicLink(secret, victim);

        OwnerOnly.writeSecret(secret, "s3cret\n");

        assertEquals("unchanged", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(secret));
        assertEquals("s3cret\n", Files.readString(secret));
        assertEquals("rw-------", permissions(secret));
        assertEquals("rwx------", permissions(secret.getParent()));
    }

    @Test
    void aTreeIsTightenedWithoutFollowingLinksOut() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside"), "x");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Path tree = Files.createDirectories(dir.resolve("db").resolve("sub"));
        Path file = Files.writeString(tree.resolve("f"), "y");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(tree.resolve("link"), outside);

        OwnerOnly.tree(dir.resolve("db"));

        assertEquals("rwx------", permissions(dir.resolve("db")));
        assertEquals("rwx------", permissions(tree));
        assertEquals("rw-------", permissions(file));
        assertEquals("rw-r--r--", permissions(outside), "a link's target outside is left alone");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
