package io.provisioning.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.api.Test;

/**
 * The bundle's console layout (src/main/resources/log4j2.properties) writes CR and LF inside a message as {@code \r}
 * and {@code \n}: a user name or file name carrying a line break cannot forge a second log line.
 */
class LogInjectionSecurityTest {

    @Test
    void lineBreaksInAMessageDoNotStartANewLogLine() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Appender console = context.getConfiguration().getAppender("console");
        String forged = "ada@example.com\r\n12:00:00.000 INFO  [main] ApiToken - Use it as 'Authorization: Bearer x'";
        var event = Log4jLogEvent.newBuilder()
                .setLoggerName("io.provisioning.bulk.BulkFiles")
                .setLevel(Level.WARN)
                .setMessage(new ParameterizedMessage("Bulk file {} rejected", forged))
                .build();

        String line = new String(console.getLayout().toByteArray(event), StandardCharsets.UTF_8);

        assertEquals(1, line.split("\n", -1).length - 1, "one line, ended by the layout's own newline: " + line);
        assertTrue(line.contains("ada@example.com\\r\\n12:00:00.000 INFO"), line);
    }
}
