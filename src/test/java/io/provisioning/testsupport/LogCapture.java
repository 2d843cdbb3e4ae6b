package io.provisioning.testsupport;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Collects what the bundle logs (level, logger, message) while a test runs, to assert what was logged. */
public final class LogCapture implements AutoCloseable {

    private final StringWriter text = new StringWriter();
    private final WriterAppender appender;

    private LogCapture(String name) {
        appender = WriterAppender.newBuilder()
                .setName(name)
                .setTarget(text)
                .setLayout(PatternLayout.newBuilder()
                        .withPattern("%level %c{1} - %msg%n")
                        .build())
                .build();
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(appender, Level.INFO, null);
        context.updateLoggers();
    }

    public static LogCapture start(String name) {
        return new LogCapture(name);
    }

    public synchronized String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
