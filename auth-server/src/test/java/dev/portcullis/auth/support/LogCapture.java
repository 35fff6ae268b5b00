package dev.portcullis.auth.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Records what the application logs (through the JBoss LogManager's root logger) while a test runs. */
public final class LogCapture implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public static String message(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Nothing at WARN or above, no stack trace, no message over several lines. */
    public void assertNoFailureLogged(String what) {
        for (LogRecord record : records) {
            String line = record.getLoggerName() + " " + record.getLevel() + ": " + message(record);
            assertTrue(record.getThrown() == null, what + ": a stack trace was logged: " + line);
            assertTrue(record.getLevel().intValue() < Level.WARNING.intValue(), what + ": logged " + line);
            assertFalse(message(record).contains("\n"), what + ": a message over several lines: " + line);
        }
    }

    /** The refusal was logged on exactly one line, without a stack trace, and nothing worse was logged. */
    public void assertOneRefusalLine(String what) {
        assertNoFailureLogged(what);
        long refusals = records.stream().filter(r -> message(r).startsWith("Refused a malformed request")).count();
        assertEquals(1, refusals, what + ": refusal lines logged: " + records.stream().map(LogCapture::message).toList());
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
