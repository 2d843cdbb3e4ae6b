package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The product uses the emulator module through one class only (docs/architecture.md, "Modules"): no other compiled
 * product class refers to an {@code io.provisioning.emulator} type, and no emulator class is compiled into the
 * product's own output. Read from the class files, so an import, a fully qualified name or a signature all count.
 */
class EmulatorBoundaryTest {

    private static final Path CLASSES = Path.of("target/classes");
    private static final String EMULATOR_PACKAGE = "io/provisioning/emulator/";
    private static final String BOUNDARY = "io/provisioning/EmulatorWiring";

    @Test
    void onlyTheBoundaryClassRefersToTheEmulator() throws IOException {
        List<String> referring;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            referring = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(EmulatorBoundaryTest::refersToEmulator)
                    .map(f -> CLASSES.relativize(f).toString().replace('\\', '/'))
                    .filter(name -> !name.equals(BOUNDARY + ".class") && !name.startsWith(BOUNDARY + "$"))
                    .sorted()
                    .toList();
        }
        assertEquals(
                List.of(),
                referring,
                "product classes that use io.provisioning.emulator outside " + BOUNDARY
                        + " (start the emulator through SalesforceOrgs/EmulatorWiring instead)");
        assertTrue(
                refersToEmulator(CLASSES.resolve(BOUNDARY + ".class")),
                "the boundary class is where the emulator is used; if it moved, update this test and the docs");
    }

    @Test
    void theProductOutputHasNoEmulatorClasses() {
        assertTrue(Files.isDirectory(CLASSES.resolve("io/provisioning")), "run from the product's folder");
        assertFalse(Files.exists(CLASSES.resolve(EMULATOR_PACKAGE)), "the emulator is compiled in emulator/ only");
    }

    /** A class file names the types it uses in its constant pool as UTF-8 strings with slashes. */
    private static boolean refersToEmulator(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(EMULATOR_PACKAGE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
