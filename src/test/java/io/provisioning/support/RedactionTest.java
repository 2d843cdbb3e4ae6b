package io.provisioning.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void passwordsAndTokensInUrlsAndMessagesAreMasked() {
        assertEquals("jdbc:postgresql://db:5432/p?user=app&password=***&ssl=true",
                Redaction.redact("jdbc:postgresql://db:5432/p?user=app&password=s3cr3t&ssl=true"));
        assertEquals("jdbc:h2:tcp://h/db;USER=sa;PASSWORD=***", Redaction.redact("jdbc:h2:tcp://h/db;USER=sa;PASSWORD=pw"));
        assertEquals("Failed to connect to amqp://app:***@broker:5672 (token=***)",
                Redaction.redact("Failed to connect to amqp://app:hunter2@broker:5672 (token=abc.def)"));
        assertEquals("Connection refused: localhost:5432", Redaction.redact("Connection refused: localhost:5432"));
        assertNull(Redaction.redact(null));
    }
}
