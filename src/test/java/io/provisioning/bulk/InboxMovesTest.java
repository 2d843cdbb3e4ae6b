package io.provisioning.bulk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox consumer's moves with a real file endpoint: a file read to its end goes to {@code done/}, one whose import
 * failed to {@code failed/}, and one whose reader lost its claim to another instance stays in the inbox for the
 * instance now reading it.
 */
class InboxMovesTest {

    @TempDir
    Path inbox;

    @Test
    void aFileTakenOverByAnotherInstanceStaysInTheInbox() throws Exception {
        Files.writeString(inbox.resolve("read.csv"), "userName\n");
        Files.writeString(inbox.resolve("broken.csv"), "userName\n");
        Files.writeString(inbox.resolve("taken-over.csv"), "userName\n");
        java.util.Set<String> processed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("inboxMoves", new InboxMoves());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("file:" + inbox + "?processStrategy=#inboxMoves&readLock=none&idempotent=true&initialDelay=0"
                                + "&delay=50")
                        .process(exchange -> {
                            String name = exchange.getMessage().getHeader("CamelFileName", String.class);
                            processed.add(name);
                            if (name.startsWith("broken")) {
                                throw new BulkFileException("has no usable header");
                            }
                            if (name.startsWith("taken-over")) {
                                exchange.setProperty(BulkFiles.CLAIM_LOST, true);
                            }
                        });
            }
        });
        context.start();
        try {
            Await.until(
                    () -> processed.size() == 3
                            && Files.exists(inbox.resolve("done/read.csv"))
                            && Files.exists(inbox.resolve("failed/broken.csv")),
                    done -> done,
                    Duration.ofSeconds(30));
            Thread.sleep(300); // its exchange has completed too
            assertTrue(Files.exists(inbox.resolve("taken-over.csv")), "left for the instance that took it over");
            assertTrue(Files.notExists(inbox.resolve("done/taken-over.csv")));
            assertTrue(Files.notExists(inbox.resolve("read.csv")));
        } finally {
            context.stop();
        }
    }
}
