package io.provisioning.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The bulk inbox folder exists and a file can be created in it (a real write: permission bits lie to root). */
class InboxCheck implements Supplier<CheckResult> {

    private final Path inbox;

    public InboxCheck(Path inbox) {
        this.inbox = inbox;
    }

    @Override
    public CheckResult get() {
        if (!Files.isDirectory(inbox)) {
            return CheckResult.down(inbox + " is not a folder");
        }
        try {
            // a leading dot: the inbox consumer ignores it even if it lingers
            Files.delete(Files.createTempFile(inbox, ".health-", ".tmp"));
            return CheckResult.ok();
        } catch (IOException | SecurityException e) {
            return CheckResult.down(inbox + " is not writable: " + e);
        }
    }
}
