package io.provisioning.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueueRequestParserTest {

    private final QueueRequestParser parser = new QueueRequestParser(200);

    @Test
    void readsTheEnvelopeAndKeepsTheUserAsJson() {
        QueueRequest request = parser.parse("{\"action\":\"update\",\"user\":{\"userName\":\" Ada@Example.com \","
                + "\"lastName\":\"L\"},\"application\":\"salesforce\",\"requestId\":\"r-1\"}");
        assertEquals("update", request.action());
        assertEquals("Ada@Example.com", request.userName());
        assertEquals("{\"userName\":\" Ada@Example.com \",\"lastName\":\"L\"}", request.userJson());
        assertEquals("salesforce", request.application());
        assertEquals("r-1", request.requestId());
        assertNull(parser.parse("{\"action\":\"delete\",\"user\":{\"userName\":\"a\"}}")
                .requestId());
    }

    @Test
    void rejectsWhatCanNeverBeApplied() {
        assertEquals("the message is empty; a JSON object is expected", reason(" "));
        assertTrue(reason("{nope").startsWith("the message is not valid JSON"));
        assertEquals("the message must be a JSON object", reason("\"text\""));
        assertTrue(reason("{\"action\":\"create\",\"user\":{\"userName\":\"a\"},\"extra\":1}")
                .startsWith("unknown field 'extra'"));
        assertTrue(reason("{\"user\":{\"userName\":\"a\"}}").startsWith("action is required"));
        assertEquals(
                "unknown action 'purge'; expected one of activation-mail, create, delete, update, upsert",
                reason("{\"action\":\"purge\",\"user\":{\"userName\":\"a\"}}"));
        assertEquals("user must be a JSON object", reason("{\"action\":\"create\",\"user\":[]}"));
        assertEquals(
                "user.userName is required: it identifies the user",
                reason("{\"action\":\"create\",\"user\":{\"userName\":\" \"}}"));
        assertTrue(reason("{\"action\":\"create\",\"user\":{\"userName\":\"a\"},\"requestId\":7}")
                .startsWith("requestId must be"));
        assertTrue(
                reason("{\"action\":\"create\",\"user\":{\"userName\":\"" + "é".repeat(100) + "\"}}")
                        .matches("the message is \\d+ bytes, more than the limit of 200"),
                "counted in UTF-8 bytes");
    }

    @Test
    void aRejectionKeepsWhatWasReadForTheReportRow() {
        RejectedMessageException e = assertThrows(
                RejectedMessageException.class,
                () -> parser.parse(
                        "{\"action\":\"purge\",\"user\":{\"userName\":\"a@example.com\"},\"requestId\":\"r\"}"));
        assertEquals("a@example.com", e.request().userName());
        assertEquals("r", e.request().requestId());
        assertEquals(
                "queue", QueueDeadLetters.operation(e.request()), "an unknown action is reported as operation queue");
        assertEquals("delete", QueueDeadLetters.operation(new QueueRequest("delete", "a", null, null, null)));
        assertEquals("queue", QueueDeadLetters.operation(null));
    }

    private String reason(String body) {
        return assertThrows(RejectedMessageException.class, () -> parser.parse(body))
                .getMessage();
    }
}
